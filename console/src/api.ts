// The posts API as the console calls it: JSON over fetch with the signed-in user's bearer token.
// Errors arrive as {"error": {"code", "message", "problems"?}} and become an ApiError.

export interface Delivery {
  platform: string;
  status: string;
  attempts: number;
  url: string | null;
  lastError: string | null;
  decision?: string | null;
}

export interface PostImage {
  url: string;
  alt: string;
}

export interface Post {
  id: string;
  text: string;
  link: string | null;
  images?: PostImage[];
  platforms: string[];
  dueAt: string;
  status: string;
  version: number;
  evergreen: boolean;
  deliveries?: Delivery[];
}

/** POST /media's answer: where to PUT the bytes, with which headers, and the reference the post then names. */
export interface MediaOffer {
  url: string;
  uploadUrl: string;
  method: string;
  headers: Record<string, string>;
  expiresAt: string;
  keptUntil: string;
}

export interface PlatformCount {
  platform: string;
  counts: { count: number; limit: number; unit: string; over: boolean }[];
}

export interface Validation {
  ok: boolean;
  problems: string[];
  platforms: PlatformCount[];
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly problems: string[] = []) {
    super(message);
  }
}

export class Api {
  constructor(private readonly base: string, private readonly token: () => string | null, private readonly onSignedOut: () => void) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = this.token();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(this.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (response.status === 401) {
      this.onSignedOut();
    }
    if (!response.ok) {
      const error = (json as { error?: { code?: string; message?: string; problems?: string[] } } | null)?.error;
      throw new ApiError(response.status, error?.code ?? `http_${response.status}`, error?.message ?? (text || response.statusText), error?.problems ?? []);
    }
    return json as T;
  }

  listPosts(from: string, to: string): Promise<{ posts: Post[]; next: string | null }> {
    return this.call('GET', `/posts?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&limit=100`);
  }

  getPost(id: string): Promise<Post> {
    return this.call('GET', `/posts/${encodeURIComponent(id)}`);
  }

  validate(text: string, link: string, platforms: string[], images: PostImage[] = []): Promise<Validation> {
    return this.call('POST', '/posts/validate', { text, link: link || null, platforms, images });
  }

  /** An upload URL for an image of {@code bytes} bytes of {@code contentType} whose SHA-256 (hex) is {@code sha256}. */
  offerUpload(contentType: string, bytes: number, sha256: string): Promise<MediaOffer> {
    return this.call('POST', '/media', { contentType, bytes, sha256 });
  }

  createPost(body: Record<string, unknown>): Promise<Post> {
    return this.call('POST', '/posts', body);
  }

  updatePost(id: string, body: Record<string, unknown>): Promise<Post> {
    return this.call('PATCH', `/posts/${encodeURIComponent(id)}`, body);
  }
}
