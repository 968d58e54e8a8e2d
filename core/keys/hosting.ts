/**
 * Copy-paste help for hosting the public JWKS file: each snippet serves it as JSON
 * with a modest cache lifetime, so key rotation propagates within the hour.
 */

/** A hosting recipe. */
export interface HostingSnippet {
  id: 'static-file' | 'nginx' | 'apache' | 's3-cloudfront' | 'azure-blob' | 'express';
  title: string;
  snippet: string;
}

/** Cache lifetime we recommend: short enough for rotation, long enough to spare the server. */
export const JWKS_CACHE_SECONDS = 600;

function pathOf(url: string | undefined, fileName: string): string {
  if (!url) return `/.well-known/${fileName}`;
  try {
    return new URL(url).pathname || `/${fileName}`;
  } catch {
    return `/.well-known/${fileName}`;
  }
}

/** Snippets for static hosting, nginx, Apache, S3 + CloudFront, Azure Blob Storage and Express. */
export function hostingSnippets(jwksFileName: string, url?: string): HostingSnippet[] {
  const path = pathOf(url, jwksFileName);
  const dir = path.slice(0, path.lastIndexOf('/') + 1) || '/';
  const cache = `public, max-age=${JWKS_CACHE_SECONDS}`;
  const where = url ?? `https://<your-host>${path}`;
  return [
    {
      id: 'static-file',
      title: 'Any static web server',
      snippet: [
        `Copy ${jwksFileName} so that it is served at ${where}.`,
        'Make sure the response has these headers (check with: curl -sI ' + where + '):',
        '  Content-Type: application/json',
        `  Cache-Control: ${cache}`,
        'It must be reachable over HTTPS from the public internet, without login or IP allow-listing.',
      ].join('\n'),
    },
    {
      id: 'nginx',
      title: 'nginx',
      snippet: [
        `location = ${path} {`,
        `    alias /var/www/jwks/${jwksFileName};`,
        '    default_type application/json;',
        '    types { }',
        `    add_header Cache-Control "${cache}" always;`,
        '    add_header Access-Control-Allow-Origin "*" always;',
        '}',
      ].join('\n'),
    },
    {
      id: 'apache',
      title: 'Apache httpd',
      snippet: [
        `# In the virtual host serving ${dir} (mod_headers enabled)`,
        `<Files "${jwksFileName}">`,
        '    ForceType application/json',
        `    Header set Cache-Control "${cache}"`,
        '    Header set Access-Control-Allow-Origin "*"',
        '</Files>',
      ].join('\n'),
    },
    {
      id: 's3-cloudfront',
      title: 'Amazon S3 + CloudFront',
      snippet: [
        `aws s3 cp ${jwksFileName} s3://<bucket>${path} \\`,
        '  --content-type application/json \\',
        `  --cache-control "${cache}"`,
        `aws cloudfront create-invalidation --distribution-id <distribution-id> --paths "${path}"`,
        '# Keep the bucket private and serve it through CloudFront (origin access control) over HTTPS.',
      ].join('\n'),
    },
    {
      id: 'azure-blob',
      title: 'Azure Blob Storage (static website)',
      snippet: [
        'az storage blob upload --account-name <account> --container-name \'$web\' \\',
        `  --name ${path.replace(/^\//, '')} --file ${jwksFileName} --overwrite \\`,
        '  --content-type application/json \\',
        `  --content-cache-control "${cache}"`,
      ].join('\n'),
    },
    {
      id: 'express',
      title: 'Node.js Express',
      snippet: [
        "import express from 'express';",
        "import { readFileSync } from 'node:fs';",
        '',
        `const jwks = readFileSync(new URL('./${jwksFileName}', import.meta.url), 'utf8');`,
        'const app = express();',
        `app.get('${path}', (_req, res) => {`,
        "  res.type('application/json');",
        `  res.set('Cache-Control', '${cache}');`,
        '  res.send(jwks);',
        '});',
      ].join('\n'),
    },
  ];
}
