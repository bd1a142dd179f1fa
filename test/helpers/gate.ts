/* eslint-disable @n8n/community-nodes/no-restricted-imports -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { SmartConnectSimulator } from '../simulator';

/**
 * A gate in front of the simulator: an HTTP relay on its own 127.0.0.1 port that can stop
 * listening (new connections are refused: ECONNREFUSED, the one failure that proves nothing was
 * sent) and listen again on the same port. Responses carry `Connection: close`, so every request
 * opens a new connection and meets the gate's current state.
 */
export class Gate {
	private server: Server | undefined;
	port = 0;
	/** Called before a response is relayed, with the endpoint it answers. */
	beforeResponse: ((endpoint: string) => void) | undefined;

	constructor(private readonly target: SmartConnectSimulator) {}

	get apiUrl(): string {
		return `http://127.0.0.1:${this.port}/API`;
	}

	async open(): Promise<void> {
		const target = new URL(this.target.url);
		const server = createServer((req, res) => {
			const upstream = httpRequest(
				{ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
				(answer) => {
					this.beforeResponse?.(new URL(req.url ?? '/', 'http://gate.invalid').pathname.split('/').pop()?.toLowerCase() ?? '');
					res.writeHead(answer.statusCode ?? 502, { ...answer.headers, connection: 'close' });
					answer.pipe(res);
				},
			);
			upstream.on('error', () => res.destroy());
			req.pipe(upstream);
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(this.port, '127.0.0.1', () => resolve());
		});
		this.port = (server.address() as AddressInfo).port;
		this.server = server;
	}

	/** Stops listening at once (connections in flight finish). */
	close(): void {
		this.server?.close();
		this.server = undefined;
	}

	async dispose(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		if (!server) return;
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}
}
