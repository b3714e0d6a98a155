/** Any other http(s) URL: kept as an opaque identifier when no scheme recognised a code inside it. */
import { defineScheme } from '../scheme.js';
import { reading } from '../outcome.js';

export interface UrlFields {
  readonly url: string;
  readonly host: string;
  readonly path: string;
}

/** Parses an absolute http(s) URL, or returns `undefined`. */
export function parseHttpUrl(text: string): URL | undefined {
  if (!/^https?:\/\/[^\s]+$/i.test(text)) return undefined;
  try {
    const url = new URL(text);
    return url.hostname ? url : undefined;
  } catch {
    return undefined;
  }
}

export const url = defineScheme({
  id: 'url',
  title: 'Web address',
  titleZh: '网址',
  read({ compact }) {
    const parsed = parseHttpUrl(compact);
    if (!parsed) return undefined;
    return reading<'url'>('shape', parsed.href, { url: parsed.href, host: parsed.hostname, path: parsed.pathname });
  },
});
