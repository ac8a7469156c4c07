/**
 * A still of what a tile shows, as a JPEG: the picture a dispatcher attaches to a case as
 * evidence. The stream is same-origin (demo) or from a gateway that allows CORS; otherwise the
 * canvas would be tainted and toBlob throws, which the caller shows as a refusal.
 */
export async function grabFrame(video: HTMLVideoElement, quality = 0.9): Promise<Blob> {
  const width = video.videoWidth;
  const height = video.videoHeight;
  if (!width || !height) throw new Error('no picture yet');
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas');
  context.drawImage(video, 0, 0, width, height);
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the frame could not be encoded'))), 'image/jpeg', quality),
  );
}
