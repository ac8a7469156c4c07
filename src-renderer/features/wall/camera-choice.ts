import type { CameraFeed } from '../../../src-shared/contract/video';

/** The cameras in pages of `size` (the camera panel's playlist turns through them). */
export function cameraPages(cameras: readonly CameraFeed[], size: number): CameraFeed[][] {
  const pages: CameraFeed[][] = [];
  const per = Math.max(1, size);
  for (let i = 0; i < cameras.length; i += per) pages.push(cameras.slice(i, i + per));
  return pages;
}
