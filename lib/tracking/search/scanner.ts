// A cursor over one filter or order_by string. The grammar is tiny and context-dependent (a key may start with a
// digit, a value may not be a bare word), so the parser reads characters directly instead of using a token stream.
import { SearchSyntaxError } from './types';

const WS = /\s/;

export class Scanner {
  pos = 0;

  constructor(
    readonly src: string,
    /** How errors name the input: "filter" or "order_by item 'metrics.auc DESCC'". */
    readonly label: string,
  ) {
    // PostgreSQL text cannot hold NUL and no key or value legitimately contains control characters other than
    // whitespace, so they are rejected up front rather than reaching the database as a driver error.
    const bad = src.search(/[\u0000-\u0008\u000e-\u001f\u007f]/);
    if (bad >= 0) this.fail(`unexpected control character U+${src.charCodeAt(bad).toString(16).padStart(4, '0')}`, bad);
  }

  fail(message: string, at = this.pos): never {
    throw new SearchSyntaxError(`Invalid ${this.label} at position ${at}: ${message}`, at);
  }

  eof(): boolean {
    return this.pos >= this.src.length;
  }

  peek(offset = 0): string {
    return this.src[this.pos + offset] ?? '';
  }

  skipWs(): void {
    while (this.pos < this.src.length && WS.test(this.src[this.pos]!)) this.pos++;
  }

  /** What the input holds at `at`, for "expected X, got Y" messages. */
  got(at = this.pos): string {
    if (at >= this.src.length) return 'end of input';
    const m = /^\S{1,30}/.exec(this.src.slice(at));
    const chunk = m ? m[0] : this.src[at]!;
    return `'${chunk}'`;
  }

  /** Consumes a maximal run of characters matching `cls` (a one-character regex) and returns it, possibly ''. */
  readWhile(cls: RegExp): string {
    const start = this.pos;
    while (this.pos < this.src.length && cls.test(this.src[this.pos]!)) this.pos++;
    return this.src.slice(start, this.pos);
  }

  /** Reads a case-insensitive keyword if it is next and ends at a word boundary. */
  tryKeyword(word: string): boolean {
    const end = this.pos + word.length;
    if (this.src.slice(this.pos, end).toUpperCase() !== word) return false;
    if (end < this.src.length && /[A-Za-z0-9_]/.test(this.src[end]!)) return false;
    this.pos = end;
    return true;
  }

  /**
   * Reads a quoted run starting at the opening quote and returns its content. Inside, the quote character is written
   * twice (SQL style) or backslash-escaped, and `\\` is one backslash; any other backslash is kept as typed, so LIKE
   * escapes such as `\%` reach the database unchanged.
   */
  readQuoted(): string {
    const open = this.pos;
    const q = this.src[open]!;
    let out = '';
    let i = open + 1;
    while (i < this.src.length) {
      const c = this.src[i]!;
      if (c === q) {
        if (this.src[i + 1] === q) {
          out += q;
          i += 2;
          continue;
        }
        this.pos = i + 1;
        return out;
      }
      if (c === '\\' && (this.src[i + 1] === q || this.src[i + 1] === '\\')) {
        out += this.src[i + 1];
        i += 2;
        continue;
      }
      out += c;
      i++;
    }
    this.fail(`unterminated quoted text: the ${q} opened here is never closed`, open);
  }
}
