/** A cell that cannot become the field it maps to; the message is Chinese and names the rule, not the row. */
export class CellError extends Error {
  constructor(readonly messageZh: string) {
    super(messageZh);
    this.name = 'CellError';
  }
}
