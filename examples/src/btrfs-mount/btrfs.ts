import { allowErrorInjection, EI_TYPE_ERRNO, errno, getErrnoOrThrow } from '@errinject/core';

/**
 * The kernel documentation's fail_function example, `open_ctree` of btrfs: the function that reads a
 * filesystem's trees at mount time, marked `ALLOW_ERROR_INJECTION(open_ctree, ERRNO)` in
 * `fs/btrfs/disk-io.c`.
 */

/** A block device with a btrfs superblock. */
export interface BlockDevice {
  readonly path: string;
  readonly label: string;
}

/** A mounted filesystem. */
export interface SuperBlock {
  readonly device: BlockDevice;
  readonly mountPoint: string;
  trees: string[];
}

/**
 * `open_ctree`: reads the root, extent, chunk and device trees; 0 or a negative errno.
 */
export const open_ctree = allowErrorInjection(EI_TYPE_ERRNO, function open_ctree(sb: SuperBlock): number {
  if (sb.device.label === '') return -errno.EINVAL;
  sb.trees = ['root', 'extent', 'chunk', 'dev', 'fs'];
  return 0;
});

const mounts = new Map<string, SuperBlock>();

/**
 * `mount -t btrfs <device> <dir>`.
 *
 * @param device - the block device
 * @param mountPoint - where to mount it
 * @returns what mount(8) prints
 */
export function mount(device: BlockDevice, mountPoint: string): string {
  const sb: SuperBlock = { device, mountPoint, trees: [] };
  const err = open_ctree(sb);
  if (err < 0) return `mount: mount ${device.path} on ${mountPoint} failed: ${getErrnoOrThrow(err).message}`;
  mounts.set(mountPoint, sb);
  return `mounted ${device.path} (${device.label}) on ${mountPoint}: ${sb.trees.length} trees`;
}

/**
 * `umount <dir>`.
 *
 * @param mountPoint - a mount point
 */
export function umount(mountPoint: string): void {
  mounts.delete(mountPoint);
}
