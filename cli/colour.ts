/**
 * Colour on a terminal. Applied to text *after* it was made display-safe, and only to the CLI's
 * own marks at the start of a line ([FAIL], ERROR, warning: …) and verdict words, so nothing a
 * server or file supplied can restyle the terminal, and piped output stays plain.
 */
const SGR = { red: ['\x1b[31m', '\x1b[39m'], green: ['\x1b[32m', '\x1b[39m'], yellow: ['\x1b[33m', '\x1b[39m'], dim: ['\x1b[2m', '\x1b[22m'], bold: ['\x1b[1m', '\x1b[22m'] } as const;
type Style = keyof typeof SGR;

const paint = (style: Style, text: string) => `${SGR[style][0]}${text}${SGR[style][1]}`;

/** Line-start marks and the colour each gets. */
const MARKS: readonly [RegExp, Style][] = [
  [/^(\s*)(\[FAIL\]|FAIL\b|ERROR\b|\[ERROR\])/gm, 'red'],
  [/^(\s*)(\[WARN\]|WARNING\b|warning:)/gm, 'yellow'],
  [/^(\s*)(\[PASS\]|ok\b)/gm, 'green'],
  [/^(\s*)(\[SKIP\]|info\b)/gm, 'dim'],
  [/^()(oidc-onboard:)/gm, 'red'],
];

const VERDICT = /^(Verdict: |Intact: |Live: )(PASS|VALID|OK|WARN|FAIL|INVALID|NOT VALID)\b/gm;
const VERDICT_STYLE: Record<string, Style> = { PASS: 'green', VALID: 'green', OK: 'green', WARN: 'yellow', FAIL: 'red', INVALID: 'red', 'NOT VALID': 'red' };

/** `text` with its marks coloured when `on`; unchanged otherwise. */
export function colourise(text: string, on: boolean): string {
  if (!on) return text;
  let out = text;
  for (const [pattern, style] of MARKS) out = out.replace(pattern, (_m, lead: string, mark?: string) => (mark === undefined ? paint(style, lead) : `${lead}${paint(style, mark)}`));
  return out.replace(VERDICT, (_m, label: string, word: string) => `${label}${paint(VERDICT_STYLE[word]!, word)}`);
}

/**
 * Whether to colour: never with NO_COLOR (any non-empty value, no-color.org) or TERM=dumb,
 * always with FORCE_COLOR (other than 0), otherwise when the stream is a terminal.
 */
export function wantsColour(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  return isTTY && env.TERM !== 'dumb';
}
