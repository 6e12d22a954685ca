// The commands and the module that defines each. Only the module of the command being run is
// loaded, so a quick command does not pay for the start-up of every other one.
import type { Command } from 'commander';

export type CommandModule = (program: Command) => void;

interface CommandEntry {
  names: string[];
  load(): Promise<CommandModule>;
}

const COMMANDS: CommandEntry[] = [
  { names: ['serve'], load: async () => (await import('./serve.ts')).registerServe },
  { names: ['import'], load: async () => (await import('./import.ts')).registerImport },
  { names: ['search'], load: async () => (await import('./search.ts')).registerSearch },
  { names: ['screen', 'sites', 'rules'], load: async () => (await import('./screen.ts')).registerScreen },
  { names: ['criteria'], load: async () => (await import('./criteria.ts')).registerCriteria },
  { names: ['clinical'], load: async () => (await import('./clinical.ts')).registerClinical },
  { names: ['user'], load: async () => (await import('./users.ts')).registerUsers },
  { names: ['token'], load: async () => (await import('./tokens.ts')).registerTokens },
  { names: ['study'], load: async () => (await import('./study.ts')).registerStudy },
  { names: ['audit'], load: async () => (await import('./audit.ts')).registerAudit },
  { names: ['screening', 'enroll'], load: async () => (await import('./subjects.ts')).registerSubjects },
  { names: ['query'], load: async () => (await import('./queries.ts')).registerQueries },
  { names: ['report'], load: async () => (await import('./report.ts')).registerReport },
  { names: ['demo'], load: async () => (await import('./demo.ts')).registerDemo },
];

/** The command modules needed for these arguments: the named command's, or all of them (for help). */
export async function commandModulesFor(args: string[]): Promise<CommandModule[]> {
  const name = args.find((arg) => !arg.startsWith('-'));
  const entries = COMMANDS.filter((entry) => name !== undefined && entry.names.includes(name));
  return Promise.all((entries.length > 0 ? entries : COMMANDS).map((entry) => entry.load()));
}
