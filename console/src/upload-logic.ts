// What the composer checks of an image file before it asks the desk for an upload URL: the same
// checks as the command line's (cli LocalImage): the type by the file's first bytes, whatever its
// name says, and the size the media bucket takes.
import { t } from './i18n';

/** The most the media bucket takes (S3MediaBucket.MAX_UPLOAD_BYTES: Mastodon's 16 MB, the most any platform takes). */
export const MAX_UPLOAD_BYTES = 16 * 1024 * 1024;
/** How many of a file's first bytes tell its type (WebP's "WEBP" ends at byte 12). */
export const SNIFF_BYTES = 12;
/** What the file chooser offers; the type is still checked by content. */
export const ACCEPTED_TYPES = 'image/jpeg,image/png,image/gif,image/webp';

const startsWith = (bytes: Uint8Array, at: number, expected: readonly number[]): boolean =>
  bytes.length >= at + expected.length && expected.every((b, i) => bytes[at + i] === b);
const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

/** The type a file's first bytes say it is, of the four the platforms take; null for anything else. */
export function imageType(first: Uint8Array): string | null {
  if (startsWith(first, 0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(first, 0, [0x89, ...ascii('PNG\r\n'), 0x1a, 0x0a])) return 'image/png';
  if (startsWith(first, 0, ascii('GIF87a')) || startsWith(first, 0, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(first, 0, ascii('RIFF')) && startsWith(first, 8, ascii('WEBP'))) return 'image/webp';
  return null;
}

/** A file's type when it can be uploaded, else the sentence that says why not, in the chosen language. */
export function checkImageFile(name: string, size: number, first: Uint8Array): { type: string } | { problem: string } {
  if (size === 0) return { problem: t('upload.empty', { name }) };
  if (size > MAX_UPLOAD_BYTES) return { problem: t('upload.tooLarge', { name, size: megabytes(size) }) };
  const type = imageType(first);
  return type ? { type } : { problem: t('upload.notImage', { name }) };
}

/** A size in MB with one decimal, rounded up: a file just over 16 MB must not read as 16.0. */
export function megabytes(size: number): string {
  return (Math.ceil((size / (1024 * 1024)) * 10) / 10).toFixed(1);
}

/** Bytes as lower-case hexadecimal, as POST /media takes a SHA-256. */
export function hex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The headers POST /media said to send with the PUT, less Content-Length: a browser refuses to set
 * it and sends the body's own length, which is the one signed for.
 */
export function putHeaders(answered: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(answered).filter(([name]) => name.toLowerCase() !== 'content-length'));
}
