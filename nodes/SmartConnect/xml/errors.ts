/** Errors thrown by the XML module. Both carry enough position data to point the user at the problem. */

export type XmlValueErrorReason = 'invalidChar' | 'nested' | 'invalidName' | 'number';

/**
 * A workflow value cannot be written as XML.
 * `rowIndex` is the 0-based index of the row (or of the variable for variable writers);
 * it is -1 when the error does not belong to a row (for example text that is not a cell).
 */
export class XmlValueError extends Error {
	readonly rowIndex: number;
	readonly column: string;
	readonly reason: XmlValueErrorReason;

	constructor(message: string, rowIndex: number, column: string, reason: XmlValueErrorReason) {
		super(message);
		Object.setPrototypeOf(this, XmlValueError.prototype);
		this.name = 'XmlValueError';
		this.rowIndex = rowIndex;
		this.column = column;
		this.reason = reason;
	}
}

/**
 * The input is not well-formed XML (or uses a forbidden feature such as a DOCTYPE).
 * `line` and `column` are 1-based; `column` counts UTF-16 code units; `offset` is the 0-based
 * index into the string that was parsed. The message ends with "at line L, column C".
 */
export class XmlParseError extends Error {
	readonly line: number;
	readonly column: number;
	readonly offset: number;

	constructor(message: string, line: number, column: number, offset: number) {
		super(message);
		Object.setPrototypeOf(this, XmlParseError.prototype);
		this.name = 'XmlParseError';
		this.line = line;
		this.column = column;
		this.offset = offset;
	}
}

/** Line and column (1-based) of `offset` in `src`. CR LF, lone CR and LF each end a line. */
export function locate(src: string, offset: number): { line: number; column: number } {
	let line = 1;
	let lineStart = 0;
	const end = Math.min(offset, src.length);
	for (let i = 0; i < end; i++) {
		const c = src.charCodeAt(i);
		if (c === 10) {
			line++;
			lineStart = i + 1;
		} else if (c === 13) {
			if (i + 1 < end && src.charCodeAt(i + 1) === 10) i++;
			line++;
			lineStart = i + 1;
		}
	}
	return { line, column: offset - lineStart + 1 };
}

/** Builds (does not throw) an XmlParseError for `offset` in `src`. */
export function parseError(src: string, offset: number, message: string): XmlParseError {
	const { line, column } = locate(src, offset);
	return new XmlParseError(`${message} at line ${line}, column ${column}`, line, column, offset);
}

/** "U+0001" style code point label. */
export function codePointLabel(cp: number): string {
	const hex = cp.toString(16).toUpperCase();
	return 'U+' + (hex.length < 4 ? '0000'.slice(hex.length) + hex : hex);
}
