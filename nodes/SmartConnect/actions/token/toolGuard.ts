import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

/**
 * Token › Get is hidden from the node's tool variant (`displayOptions` on `@tool`, which n8n sets for
 * node types whose name ends in `Tool`). A workflow saved before, or edited by hand, could still ask
 * for it: refuse at run time too, since the token opens every map of the company to the agent.
 */
export function refuseAsTool(this: IExecuteFunctions, itemIndex: number): void {
	if (this.getNode().type.endsWith('Tool')) {
		throw new NodeOperationError(this.getNode(), 'Token › Get is not available when SmartConnect is used as an AI tool', {
			itemIndex,
			description: 'The session token grants access to every map of the company. Use Token › Validate, or a SmartConnect node outside the agent.',
		});
	}
}
