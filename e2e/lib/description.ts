/* eslint-disable @n8n/community-nodes/no-restricted-imports -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
/**
 * What the editor should offer, read from the built package's own descriptions (dist/) with
 * n8n-workflow's displayParameter, the function n8n's editor uses: per Authentication value the
 * resources and per resource the operations, and per credential the fields its data shows. The
 * editor tests compare the editor with these, so a renamed resource or label needs no test change.
 */
import * as path from 'node:path';

import {
	NodeHelpers,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type INode,
	type INodeParameters,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { REPO_ROOT } from './n8n';

const DIST = path.join(REPO_ROOT, 'dist');

export interface Choice {
	value: string;
	name: string;
}

export interface ServiceMenu {
	/** The Authentication value: the credential type of that service. */
	authentication: string;
	/** Its label in the Authentication options. */
	name: string;
	resources: Array<Choice & { operations: Choice[] }>;
}

/** The SmartConnect node's description as dist/ builds it. */
export function nodeDescription(): INodeTypeDescription {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { SmartConnect } = require(path.join(DIST, 'nodes', 'SmartConnect', 'SmartConnect.node.js')) as { SmartConnect: new () => { description: INodeTypeDescription } };
	return new SmartConnect().description;
}

/** A credential type as dist/ builds it (e.g. `SmartConnectOnPremApi`). */
export function credentialType(className: string): ICredentialType {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const module = require(path.join(DIST, 'credentials', `${className}.credentials.js`)) as Record<string, new () => ICredentialType>;
	return new module[className]();
}

const options = (property: INodeProperties): Choice[] =>
	((property.options ?? []) as INodePropertyOptions[]).map((option) => ({ value: String(option.value), name: option.name }));

/** The one property named `name` the editor shows for these parameter values (throws unless exactly one). */
function shownSelector(description: INodeTypeDescription, values: INodeParameters, name: string): INodeProperties {
	const node = { typeVersion: 1, parameters: values } as unknown as INode;
	const shown = description.properties.filter(
		(property) => property.name === name && NodeHelpers.displayParameter(values, property, node, description),
	);
	if (shown.length !== 1) throw new Error(`${shown.length} "${name}" selectors are shown for ${JSON.stringify(values)}`);
	return shown[0];
}

/** Per Authentication value: the resources, and per resource the operations the node offers. */
export function servicesMenu(description = nodeDescription()): ServiceMenu[] {
	const authentication = description.properties.find((property) => property.name === 'authentication');
	if (!authentication) throw new Error('the node has no Authentication parameter');
	return options(authentication).map(({ value, name }) => ({
		authentication: value,
		name,
		resources: options(shownSelector(description, { authentication: value }, 'resource')).map((resource) => ({
			...resource,
			operations: options(shownSelector(description, { authentication: value, resource: resource.value }, 'operation')),
		})),
	}));
}

/** The credential's fields the editor shows for `data` (hidden fields never are), notices included. */
export function shownCredentialFields(credential: ICredentialType, data: ICredentialDataDecryptedObject): INodeProperties[] {
	return credential.properties.filter(
		(property) => property.type !== 'hidden' && NodeHelpers.displayParameter(data as INodeParameters, property, null, null),
	);
}
