// An image file from this computer into the media bucket, as docs/api-and-cli.md "Uploading an
// image" has it: POST /media for its type, size and SHA-256, then the bytes PUT to the presigned URL
// that answers (straight to the bucket, across origins: the bucket's CORS rule lets the console in).
import { ApiError, type Api } from './api';
import { t } from './i18n';
import { checkImageFile, hex, putHeaders, SNIFF_BYTES } from './upload-logic';

/** An upload that cannot go on, with the sentence for the person who chose the file. */
export class UploadError extends Error {}

/** Uploads {@code file}; answers the {@code media://} reference a post's image carries. */
export async function uploadImage(api: Api, file: File, put: typeof fetch = fetch): Promise<string> {
  const checked = checkImageFile(file.name, file.size, new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()));
  if ('problem' in checked) throw new UploadError(checked.problem);
  const sha256 = hex(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
  let offer;
  try {
    offer = await api.offerUpload(checked.type, file.size, sha256);
  } catch (error) {
    const reason = error instanceof ApiError && error.problems.length > 0 ? error.problems.join('; ') : error instanceof Error ? error.message : String(error);
    throw new UploadError(t('upload.notOffered', { name: file.name, reason }));
  }
  let response: Response;
  try {
    response = await put(offer.uploadUrl, { method: offer.method, headers: putHeaders(offer.headers), body: file });
  } catch {
    // fetch rejects without a status when the bucket cannot be reached or its CORS answer does not let this page in.
    throw new UploadError(t('upload.unreachable', { name: file.name }));
  }
  if (!response.ok) throw new UploadError(t('upload.refused', { name: file.name, status: response.status }));
  return offer.url;
}
