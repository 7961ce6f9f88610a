import type { RowProblem } from '../kinds/kind-spec';

/** class-validator's English defaults, said in Chinese; the ledger's own rules already carry Chinese. */
const RULES: readonly [RegExp, (m: RegExpExecArray) => string][] = [
  [/must not be greater than (\S+)/, (m) => `不能大于 ${m[1]}`],
  [/must not be less than (\S+)/, (m) => `不能小于 ${m[1]}`],
  [/must be an integer number/, () => '必须为整数'],
  [/must be a positive number/, () => '必须为正数'],
  [/must be a number/, () => '必须为数字'],
  [/must be one of the following values: (.*)$/, (m) => `必须是以下之一: ${m[1]}`],
  [/must match .* regular expression/, () => '格式不正确'],
  [/must be shorter than or equal to (\d+) characters/, (m) => `不能超过 ${m[1]} 个字`],
  [/must be longer than or equal to (\d+) characters/, (m) => `至少 ${m[1]} 个字`],
  [/should not be empty/, () => '不能为空'],
  [/must be a string/, () => '必须为文字'],
  [/must be a boolean value/, () => '必须为 是/否'],
  [/must be an array/, () => '必须为列表'],
  [/must contain at least (\d+) elements/, (m) => `至少 ${m[1]} 项`],
  [/should not be null or undefined|must be defined/, () => '不能为空'],
];

/** `directLossFen 必须是以分为单位的非负整数 (must be integer fen)` → `必须是以分为单位的非负整数`. */
export function chineseMessage(message: string): string {
  if (/[\u4e00-\u9fff]/.test(message)) {
    // The column is already named in front of the message; the field name the rule starts with repeats it.
    return message
      .replace(/^[A-Za-z_][\w.[\]]*\s+(?=[^\p{ASCII}])/u, '')
      .replace(/\s*\([^()]*[A-Za-z][^()]*\)\s*$/, '');
  }
  for (const [pattern, say] of RULES) {
    const m = pattern.exec(message);
    if (m) return say(m);
  }
  return message;
}

/** `第12行 金额: 必须为正数`; a problem of the whole sheet reads `表头 金额: …`. */
export function formatProblem(p: RowProblem): string {
  const where = p.row === null ? '表头' : `第${p.row}行`;
  return p.column ? `${where} ${p.column}: ${p.message}` : `${where}: ${p.message}`;
}
