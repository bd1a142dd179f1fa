/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

/**
 * The shipped code (nodes/, credentials/) keeps no module-level mutable state: n8n runs many
 * executions in one process (and in queue mode on many), so what one run remembers travels in its
 * ExecutionMemory, and tokens live in the credential. A top-level `let` or `var`, or a top-level
 * `new Map/Set/WeakMap/WeakSet`, fails this test.
 */

const ROOT = join(__dirname, '..', '..');
const SHIPPED = ['nodes', 'credentials'];
const COLLECTIONS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet']);

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
	});
}

/** The expression under `as …`, `<…>`, `!` and parentheses. */
function unwrapped(expression: ts.Expression): ts.Expression {
	let current = expression;
	while (ts.isAsExpression(current) || ts.isTypeAssertionExpression(current) || ts.isParenthesizedExpression(current) || ts.isNonNullExpression(current)) {
		current = current.expression;
	}
	return current;
}

/** Each top-level declaration of mutable state in `text`, as `line: name (why)`. */
function moduleState(fileName: string, text: string): string[] {
	const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true);
	const found: string[] = [];
	for (const statement of source.statements) {
		if (!ts.isVariableStatement(statement)) continue;
		const list = statement.declarationList;
		const constant = (list.flags & ts.NodeFlags.Const) !== 0;
		for (const declaration of list.declarations) {
			const line = source.getLineAndCharacterOfPosition(declaration.getStart()).line + 1;
			const name = declaration.name.getText(source);
			if (!constant) {
				found.push(`${line}: ${name} (top-level ${(list.flags & ts.NodeFlags.Let) !== 0 ? 'let' : 'var'})`);
				continue;
			}
			const initializer = declaration.initializer && unwrapped(declaration.initializer);
			if (initializer && ts.isNewExpression(initializer) && ts.isIdentifier(initializer.expression) && COLLECTIONS.has(initializer.expression.text)) {
				found.push(`${line}: ${name} (top-level new ${initializer.expression.text})`);
			}
		}
	}
	return found;
}

describe('module-level state', () => {
	it('is found by the check: top-level let, var and new Map/Set/WeakMap/WeakSet, not what is local or constant', () => {
		const text = [
			'let cache = 1;',
			'export let shared: string[] = [];',
			'var old = 0;',
			'const byRun = new WeakMap<object, number>();',
			'export const seen = new Set<string>() as ReadonlySet<string>;',
			'const hinted = (new WeakSet<object>());',
			'const LIMITS: readonly string[] = ["a"];',
			'export const DEFAULTS = { retries: 2 };',
			'function local() { let n = 0; const m = new Map(); return [n, m]; }',
			'class Writer { private readonly ids = new Map<string, number>(); }',
		].join('\n');
		expect(moduleState('example.ts', text)).toEqual([
			'1: cache (top-level let)',
			'2: shared (top-level let)',
			'3: old (top-level var)',
			'4: byRun (top-level new WeakMap)',
			'5: seen (top-level new Set)',
			'6: hinted (top-level new WeakSet)',
		]);
	});

	it('is in no shipped module (nodes/, credentials/)', () => {
		const files = SHIPPED.flatMap((dir) => sourceFiles(join(ROOT, dir)));
		expect(files.length).toBeGreaterThan(20);
		const found = files.flatMap((file) =>
			moduleState(file, readFileSync(file, 'utf8')).map((where) => `${relative(ROOT, file)}:${where}`),
		);
		expect(found).toEqual([]);
	});
});
