/** One `molecule-a2a` sub-command. */
export interface Command {
	readonly name: string;
	/** One line for the tool's command list. */
	readonly summary: string;
	/** The whole `--help` text. */
	readonly help: string;
	/** Runs with the arguments after the command name; resolves with the exit code. */
	run(argv: readonly string[]): Promise<number>;
}
