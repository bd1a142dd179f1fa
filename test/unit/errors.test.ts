import { errorItem } from '../../nodes/SmartConnect/helpers/errors';

describe('errorItem', () => {
	it('has exactly the keys n8n 1.x needs to move an item to the error output: message and error', () => {
		const item = errorItem(3, 'name is required.', { sent: true, runNumber: 14, mapKey: 'k' });
		expect(Object.keys(item.json).sort()).toEqual(['error', 'message']);
		expect(item).toEqual({
			json: { message: 'name is required.', error: { message: 'name is required.', sent: true, runNumber: 14, mapKey: 'k' } },
			pairedItem: { item: 3 },
		});
	});

	it("the error's message is always the item's message", () => {
		const item = errorItem(0, 'the real message', { message: 'another', sent: false });
		expect(item.json).toEqual({ message: 'the real message', error: { message: 'the real message', sent: false } });
	});
});
