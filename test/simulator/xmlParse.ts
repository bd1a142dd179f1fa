/**
 * Request XML parsing: fast-xml-parser turned into a small element tree.
 *
 * Entities are decoded here rather than by the parser, so that text and CDATA stay distinct
 * (CDATA content is never entity-decoded) and `&amp;lt;` decodes exactly once.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface XmlElement {
	/** Local name (namespace prefix removed), not yet XmlConvert-decoded. */
	name: string;
	children: XmlElement[];
	/** Concatenated text and CDATA content of this element (not of its descendants). */
	text: string;
}

export class XmlBodyError extends Error {}

const parser = new XMLParser({
	preserveOrder: true,
	ignoreAttributes: true,
	removeNSPrefix: true,
	parseTagValue: false,
	trimValues: false,
	processEntities: false,
	ignoreDeclaration: true,
	ignorePiTags: true,
	cdataPropName: '#cdata',
});

type OrderedNode = Record<string, unknown>;

/** Parses a document and returns its root element; throws XmlBodyError with a .NET-like message. */
export function parseXml(xml: string): XmlElement {
	if (xml.trim() === '') throw new XmlBodyError('Root element is missing.');
	// Refused before parsing: entity expansion is the classic XML bomb, and .NET's default is DtdProcessing.Prohibit.
	if (/<!DOCTYPE/i.test(xml)) throw new XmlBodyError('For security reasons DTD is prohibited in this XML document.');
	const valid = XMLValidator.validate(xml);
	if (valid !== true) throw new XmlBodyError(`The XML is not well-formed: ${valid.err.msg} Line ${valid.err.line}, position ${valid.err.col}.`);
	const nodes = parser.parse(xml) as OrderedNode[];
	const roots = toElements(nodes);
	if (roots.length !== 1) throw new XmlBodyError('There are multiple root elements.');
	return roots[0];
}

function toElements(nodes: OrderedNode[]): XmlElement[] {
	const out: XmlElement[] = [];
	for (const node of nodes) {
		const name = Object.keys(node).find((k) => k !== ':@');
		if (name === undefined || name === '#text' || name === '#cdata') continue;
		out.push(toElement(name, node[name] as OrderedNode[]));
	}
	return out;
}

function toElement(name: string, content: OrderedNode[]): XmlElement {
	let text = '';
	for (const node of content) {
		if ('#text' in node) text += decodeEntities(String(node['#text']));
		else if ('#cdata' in node) text += (node['#cdata'] as OrderedNode[]).map((t) => String(t['#text'] ?? '')).join('');
	}
	return { name, children: toElements(content), text };
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
	return s.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (m, ent: string) => {
		if (ent.startsWith('#x')) return String.fromCodePoint(parseInt(ent.slice(2), 16));
		if (ent.startsWith('#')) return String.fromCodePoint(parseInt(ent.slice(1), 10));
		return ENTITIES[ent] ?? m;
	});
}

export function childNamed(el: XmlElement, name: string): XmlElement | undefined {
	const lower = name.toLowerCase();
	return el.children.find((c) => c.name.toLowerCase() === lower);
}
