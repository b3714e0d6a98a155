import { describe, expect, it } from 'vitest';
import { parseCode } from '../parse-code.js';
import { expectReading, readAs } from '../test-helpers.js';
import { parseHttpUrl, url } from './url.js';

describe('url: any other web address', () => {
  it.each([
    ['https://example.com/a', { url: 'https://example.com/a', host: 'example.com', path: '/a' }],
    ['http://x.com', { url: 'http://x.com/', host: 'x.com', path: '/' }],
    ['HTTPS://EXAMPLE.COM/A?b=c#d', { url: 'https://example.com/A?b=c#d', host: 'example.com', path: '/A' }],
  ])('reads %s with shape evidence', (text, fields) => {
    expect(expectReading(url, text)).toEqual({ evidence: 'shape', canonical: fields.url, fields, checks: [] });
  });

  it('is what parseCode returns for a URL carrying no code', () => {
    const parsed = parseCode('https://www.example.com/about/contact?lang=zh#top');
    expect(parsed.scheme).toBe('url');
    expect(parsed.canonical).toBe('https://www.example.com/about/contact?lang=zh#top');
    expect(parsed.wrappedIn).toBeUndefined();
  });

  it('reads an internationalised host in its ASCII form', () => {
    expect(parseCode('https://例子.测试/路径').fields).toEqual({
      url: 'https://xn--fsqu00a.xn--0zwm56d/%E8%B7%AF%E5%BE%84',
      host: 'xn--fsqu00a.xn--0zwm56d',
      path: '/%E8%B7%AF%E5%BE%84',
    });
  });

  it.each(['ftp://example.com/a', 'https://', 'example.com/a', 'mailto:a@example.com', 'https://exa mple.com'])('does not read %s', (text) => {
    expect(parseHttpUrl(text)).toBeUndefined();
    if (!/\s/.test(text)) expect(readAs(url, text)).toBeUndefined();
  });
});
