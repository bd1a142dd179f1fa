import type { IDataObject } from 'n8n-workflow';

import { ownFields } from '../../nodes/SmartConnect/actions/mapRun/plan';

/** The copy of an item's fields that becomes its data-table row and, with `smartConnect` added, its output item. */
describe('ownFields: the row copied from an item', () => {
	it('copies every own field in order and leaves the item alone when the copy is extended', () => {
		const item: IDataObject = { accountnumber: 'C1', name: 'Alpha', amount: 12.5, active: false, note: null };
		const row = ownFields(item) as IDataObject;
		expect(row).not.toBe(item);
		expect(Object.entries(row)).toEqual(Object.entries(item));
		row.smartConnect = { status: 'success' };
		expect(Object.keys(row)).toEqual(['accountnumber', 'name', 'amount', 'active', 'note', 'smartConnect']);
		expect(item).not.toHaveProperty('smartConnect');
	});

	it('is undefined when no field holds a value', () => {
		expect(ownFields({})).toBeUndefined();
		expect(ownFields({ a: null, b: undefined })).toBeUndefined();
		expect(ownFields({ a: null, b: '' })).toEqual({ a: null, b: '' });
		expect(ownFields({ a: 0 })).toEqual({ a: 0 });
	});

	it.each([
		['text', '"v<&>"'],
		['an object', '{"polluted":"yes"}'],
	])('keeps an own "__proto__" field holding %s as data, with the prototype untouched', (_what, value) => {
		const item = JSON.parse(`{"accountnumber":"R1","__proto__":${value}}`) as IDataObject;
		const row = ownFields(item) as IDataObject;
		expect(Object.keys(row)).toEqual(['accountnumber', '__proto__']);
		expect(Object.getOwnPropertyDescriptor(row, '__proto__')?.value).toEqual(JSON.parse(value));
		expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
		expect((row as { polluted?: unknown }).polluted).toBeUndefined();
		expect(({} as IDataObject).polluted).toBeUndefined();
	});

	it('reads an item behind a proxy with one key listing', () => {
		const traps: string[] = [];
		const item = new Proxy({ a: 'x', b: 2 } as IDataObject, {
			ownKeys(target) {
				traps.push('ownKeys');
				return Reflect.ownKeys(target);
			},
		});
		expect(ownFields(item)).toEqual({ a: 'x', b: 2 });
		expect(traps).toEqual(['ownKeys']);
	});
});
