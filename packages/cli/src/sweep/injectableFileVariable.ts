/** The variable that tells the discovery preload where to write the functions it finds. */
export const INJECTABLE_FILE_VARIABLE = 'FAILCMD_INJECTABLE_FILE';
