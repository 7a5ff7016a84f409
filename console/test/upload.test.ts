import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, type Api, type MediaOffer } from '../src/api';
import { setLanguage } from '../src/i18n';
import { uploadImage, UploadError } from '../src/upload';
import { checkImageFile, hex, imageType, MAX_UPLOAD_BYTES, megabytes, putHeaders } from '../src/upload-logic';

const bytes = (...parts: (number[] | string)[]): Uint8Array<ArrayBuffer> =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
const PNG = bytes([0x89], 'PNG\r\n', [0x1a, 0x0a], [0, 0, 0, 13], 'IHDR');
/** sha256sum of those 16 bytes. */
const PNG_SHA256 = '02a3e298f1533f62558c58e4c70edcab9af5a50d62d925fd5390942020fb0fb8';
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF');
const GIF = bytes('GIF89a', [1, 0, 1, 0]);
const WEBP = bytes('RIFF', [26, 0, 0, 0], 'WEBPVP8 ');

afterEach(() => setLanguage('en'));

describe('the type of an image file', () => {
  it('is told by its first bytes, as the command line tells it', () => {
    expect(imageType(PNG)).toBe('image/png');
    expect(imageType(JPEG)).toBe('image/jpeg');
    expect(imageType(GIF)).toBe('image/gif');
    expect(imageType(bytes('GIF87a'))).toBe('image/gif');
    expect(imageType(WEBP)).toBe('image/webp');
  });

  it('is none for other files, a RIFF that is not WebP, and a file cut short', () => {
    expect(imageType(bytes('<svg xmlns="http://www.w3.org/2000/svg">'))).toBeNull();
    expect(imageType(bytes('RIFF', [26, 0, 0, 0], 'WAVEfmt '))).toBeNull();
    expect(imageType(bytes('RIFF', [26, 0, 0, 0], 'WEB'))).toBeNull();
    expect(imageType(PNG.slice(0, 5))).toBeNull();
    expect(imageType(new Uint8Array())).toBeNull();
  });
});

describe('checking a chosen file', () => {
  it('answers the type of an image within 16 MB', () => {
    expect(checkImageFile('pho.png', PNG.length, PNG)).toEqual({ type: 'image/png' });
    expect(checkImageFile('big.jpg', MAX_UPLOAD_BYTES, JPEG)).toEqual({ type: 'image/jpeg' });
  });

  it('says why a file cannot be uploaded, in English and Vietnamese', () => {
    expect(checkImageFile('notes.png', 12, bytes('hello, world'))).toEqual({ problem: 'notes.png is not a JPEG, PNG, GIF or WebP image.' });
    expect(checkImageFile('huge.jpg', MAX_UPLOAD_BYTES + 1, JPEG)).toEqual({ problem: 'huge.jpg is 16.1 MB, over 16 MB (the most any platform takes).' });
    expect(checkImageFile('blank.png', 0, new Uint8Array())).toEqual({ problem: 'blank.png is empty.' });
    setLanguage('vi');
    expect(checkImageFile('notes.png', 12, bytes('hello, world'))).toEqual({ problem: 'Tệp notes.png không phải ảnh JPEG, PNG, GIF hay WebP.' });
    expect(checkImageFile('huge.jpg', 20 * 1024 * 1024, JPEG)).toEqual({ problem: 'Tệp huge.jpg nặng 20.0 MB, quá 16 MB (mức tối đa mà mọi nền tảng nhận).' });
  });

  it('writes sizes in MB with one decimal, rounded up, and digests in lower-case hex', () => {
    expect(megabytes(16 * 1024 * 1024 + 200 * 1024)).toBe('16.2');
    expect(megabytes(3 * 1024 * 1024)).toBe('3.0');
    expect(hex(new Uint8Array([0, 10, 255]).buffer)).toBe('000aff');
  });

  it('sends the headers POST /media answered but Content-Length, which the browser sets from the body', () => {
    expect(putHeaders({ 'Content-Type': 'image/png', 'Content-Length': '20', 'x-amz-checksum-sha256': 'abc=' }))
      .toEqual({ 'Content-Type': 'image/png', 'x-amz-checksum-sha256': 'abc=' });
    expect(putHeaders({ 'content-length': '20', 'Content-Type': 'image/gif' })).toEqual({ 'Content-Type': 'image/gif' });
  });
});

/** The posts API as far as an upload uses it: it records the offer asked for and answers one, or refuses. */
function postsApi(answer: (contentType: string, size: number, sha256: string) => MediaOffer) {
  const asked: unknown[][] = [];
  const api = {
    offerUpload: async (contentType: string, size: number, sha256: string) => {
      asked.push([contentType, size, sha256]);
      return answer(contentType, size, sha256);
    },
  } as unknown as Api;
  return { api, asked };
}

const offer = (contentType: string, size: number): MediaOffer => ({
  url: 'media://uploads/0f0e0d0c-0b0a-3908-8706-050403020100.png',
  uploadUrl: 'http://127.0.0.1:4599/desk-media/uploads/0f0e0d0c-0b0a-3908-8706-050403020100.png?X-Amz-Signature=00',
  method: 'PUT',
  headers: { 'Content-Type': contentType, 'Content-Length': String(size), 'x-amz-checksum-sha256': 'digest=' },
  expiresAt: '2026-12-06T08:00:00Z',
  keptUntil: '2027-01-05T08:00:00Z',
});

describe('uploading a file', () => {
  it('asks for an upload by its sniffed type, size and SHA-256, PUTs it there and answers the media:// reference', async () => {
    const file = new File([PNG], 'pho.jpg', { type: 'image/jpeg' });
    const { api, asked } = postsApi(offer);
    const puts: [string, RequestInit][] = [];
    const put = (async (url: string, init: RequestInit) => {
      puts.push([url, init]);
      return new Response(null, { status: 200 });
    }) as unknown as typeof fetch;

    const reference = await uploadImage(api, file, put);

    expect(reference).toBe('media://uploads/0f0e0d0c-0b0a-3908-8706-050403020100.png');
    expect(asked).toEqual([['image/png', PNG.length, PNG_SHA256]]);
    expect(puts).toHaveLength(1);
    expect(puts[0][0]).toBe(offer('image/png', PNG.length).uploadUrl);
    expect(puts[0][1]).toEqual({ method: 'PUT', headers: { 'Content-Type': 'image/png', 'x-amz-checksum-sha256': 'digest=' }, body: file });
  });

  it('asks for nothing when the file is not an image', async () => {
    const { api, asked } = postsApi(offer);
    const put = (async () => new Response(null, { status: 200 })) as unknown as typeof fetch;

    await expect(uploadImage(api, new File(['plain text'], 'notes.png'), put)).rejects.toThrow(new UploadError('notes.png is not a JPEG, PNG, GIF or WebP image.'));
    expect(asked).toEqual([]);
  });

  it('says what the desk, the bucket or the network refused', async () => {
    const file = new File([GIF], 'cat.gif');
    const refusing = postsApi(() => {
      throw new ApiError(400, 'invalid_request', 'invalid request', ['bytes must be from 1 to 16777216 (16 MB, the most any platform takes)']);
    });
    await expect(uploadImage(refusing.api, file, fetch)).rejects.toThrow(
      'cat.gif was not taken: bytes must be from 1 to 16777216 (16 MB, the most any platform takes)');

    const { api } = postsApi(offer);
    const forbidden = (async () => new Response('<Error><Code>SignatureDoesNotMatch</Code></Error>', { status: 403 })) as unknown as typeof fetch;
    await expect(uploadImage(api, file, forbidden)).rejects.toThrow('The media bucket refused cat.gif (HTTP 403). Choose the file again.');

    const unreachable = (async () => { throw new TypeError('Failed to fetch'); }) as unknown as typeof fetch;
    setLanguage('vi');
    await expect(uploadImage(api, file, unreachable)).rejects.toThrow(
      'Không gửi được cat.gif tới kho ảnh (không có phản hồi). Hãy kiểm tra kết nối rồi chọn lại tệp.');
  });
});
