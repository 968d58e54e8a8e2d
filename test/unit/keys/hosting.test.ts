import { describe, expect, it } from 'vitest';
import { hostingSnippets } from '../../../core/keys';

describe('hostingSnippets', () => {
  it('covers static, nginx, Apache, S3+CloudFront, Azure Blob and Express, each with JSON type and a modest cache', () => {
    const snippets = hostingSnippets('jwks.json', 'https://client.example.org/.well-known/jwks.json');
    expect(snippets.map((s) => s.id)).toEqual(['static-file', 'nginx', 'apache', 's3-cloudfront', 'azure-blob', 'express']);
    for (const s of snippets) {
      expect(s.title.length).toBeGreaterThan(0);
      expect(s.snippet).toMatch(/application\/(json|jwk-set\+json)/);
      const maxAge = Number(/max-age=(\d+)/.exec(s.snippet)?.[1]);
      expect(maxAge).toBeGreaterThanOrEqual(300);
      expect(maxAge).toBeLessThanOrEqual(3600);
    }
    expect(snippets.find((s) => s.id === 'nginx')!.snippet).toContain('location = /.well-known/jwks.json');
    expect(snippets.find((s) => s.id === 'express')!.snippet).toContain("app.get('/.well-known/jwks.json'");
  });

  it('defaults to /.well-known/<file> without a URL', () => {
    expect(hostingSnippets('keys.json').find((s) => s.id === 'nginx')!.snippet).toContain('/.well-known/keys.json');
  });
});
