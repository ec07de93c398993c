/** The benchmark's methods under `experimentalDecorators` (see src/inject/fixtures.ts). */
export declare class LegacyPlain {
    m(x: number): number;
}
/** Decorated under `experimentalDecorators`, never armed. */
export declare class LegacyDecorated {
    m(x: number): number;
}
//# sourceMappingURL=fixtures.d.ts.map