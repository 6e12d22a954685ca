import type { Command } from 'commander';
import { registerServe } from './serve.ts';

export type CommandModule = (program: Command) => void;

export const commandModules: CommandModule[] = [registerServe];
