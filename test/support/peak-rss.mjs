// Runs the real `oidc-onboard` entry point (bin/oidc-onboard.js) with this process's arguments and,
// as the process exits, writes its peak resident set size to stderr as `peak-rss-kib=<n>`
// (process.resourceUsage().maxRSS: the same figure on Linux, macOS and Windows).
process.on('exit', () => process.stderr.write(`\npeak-rss-kib=${process.resourceUsage().maxRSS}\n`));
await import('../../bin/oidc-onboard.js');
