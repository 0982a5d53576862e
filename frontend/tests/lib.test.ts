import { describe, expect, it } from 'vitest';
import { avatarPalette, colourFor, contrastRatio, initialOf } from '../src/lib/avatar';
import { hostOf, plural, splitSelectors } from '../src/lib/documents';
import { hrefFor, parseHash } from '../src/lib/router.svelte';
import { absoluteTime, relativeTime } from '../src/lib/time';
import { fieldOf } from '../src/lib/validation';

describe('relativeTime', () => {
  const now = new Date('2025-11-29T12:00:00Z');
  const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();

  it.each([
    [0, 'just now'],
    [30, 'just now'],
    [-20, 'just now'],
    [60, '1 minute ago'],
    [5 * 60, '5 minutes ago'],
    [3 * 3600, '3 hours ago'],
    [26 * 3600, 'yesterday'],
    [3 * 86400, '3 days ago'],
    [8 * 86400, 'last week'],
    [21 * 86400, '3 weeks ago'],
    [65 * 86400, '2 months ago'],
    [400 * 86400, 'last year'],
    [-2 * 3600, 'in 2 hours'],
  ])('%i seconds ago reads "%s"', (seconds, want) => {
    expect(relativeTime(ago(seconds), now)).toBe(want);
  });

  it('returns "" for never and for garbage', () => {
    expect(relativeTime('', now)).toBe('');
    expect(relativeTime('not a date', now)).toBe('');
    expect(absoluteTime('')).toBe('');
  });

  it('reads RFC 3339 with an offset', () => {
    expect(relativeTime('2025-11-29T10:00:00+01:00', now)).toBe('3 hours ago');
  });
});

describe('avatar', () => {
  it('takes the first letter or digit, upper-cased', () => {
    expect(initialOf('claude')).toBe('C');
    expect(initialOf('  23andMe')).toBe('2');
    expect(initialOf('(Ödeme) Bank')).toBe('Ö');
    expect(initialOf('…')).toBe('?');
    expect(initialOf('')).toBe('?');
  });

  it('gives an id the same palette colour every time', () => {
    expect(colourFor('claude')).toBe(colourFor('claude'));
    expect(avatarPalette).toContain(colourFor('claude'));
    expect(avatarPalette).toContain(colourFor(''));
  });

  it('spreads ids over the palette', () => {
    const ids = ['claude', 'chatgpt', 'whatsapp', 'instagram', 'tiktok', 'youtube', 'gmail', 'facebook', 'x', 'reddit'];
    expect(new Set(ids.map(colourFor)).size).toBeGreaterThanOrEqual(5);
  });

  it('keeps white initials readable on every colour (WCAG AA)', () => {
    for (const c of avatarPalette) expect(contrastRatio('#ffffff', c), c).toBeGreaterThanOrEqual(4.5);
  });
});

describe('documents', () => {
  it('shows the host without www', () => {
    expect(hostOf('https://www.anthropic.com/legal/privacy')).toBe('anthropic.com');
    expect(hostOf('https://help.instagram.com/581066165581870')).toBe('help.instagram.com');
    expect(hostOf('not a url')).toBe('not a url');
  });

  it('splits selectors on lines and top-level commas only', () => {
    expect(splitSelectors('main, #terms\n.legal ')).toEqual(['main', '#terms', '.legal']);
    expect(splitSelectors(':is(h1, h2) , [data-x="a,b"]')).toEqual([':is(h1, h2)', '[data-x="a,b"]']);
    expect(splitSelectors(' \n , ')).toEqual([]);
  });

  it('pluralises', () => {
    expect(plural(1, 'platform')).toBe('1 platform');
    expect(plural(2, 'platform')).toBe('2 platforms');
  });
});

describe('fieldOf', () => {
  // The sentences the Go watchlist package answers with.
  it.each([
    ['give the platform a name', 'name'],
    ['the name is longer than 80 characters', 'name'],
    ['say what kind of document it is (for example "Terms of Service")', 'type'],
    ['"Terms/Evil" is not a document type', 'type'],
    ['give the address of the page (https://…)', 'url'],
    ['"example.com" has no scheme; start it with https://', 'url'],
    ['only http and https addresses can be watched, not ftp:', 'url'],
    ['"https://" has no host name', 'url'],
    ['selector "main[" does not compile: expected ]', 'select'],
    ['the archive is full', 'form'],
  ])('"%s" goes to %s', (message, field) => {
    expect(fieldOf(message)).toBe(field);
  });

  it('sends a selector error to the list that holds the selector', () => {
    expect(fieldOf('selector "nav[" does not compile: expected ]', ['footer', 'nav['])).toBe('remove');
    expect(fieldOf('selector "main[" does not compile: expected ]', ['footer'])).toBe('select');
  });
});

describe('router', () => {
  it('parses and builds hash routes', () => {
    expect(parseHash('')).toEqual({ screen: 'watchlist', params: [] });
    expect(parseHash('#/platform/claude')).toEqual({ screen: 'platform', params: ['claude'] });
    expect(parseHash(hrefFor('platform', 'a b/c'))).toEqual({ screen: 'platform', params: ['a b/c'] });
  });
});
