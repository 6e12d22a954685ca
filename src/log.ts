// JSON logs. Never pass patient data here: log ids of requests and trials, never of patients.
import pino from 'pino';

export const log = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { app: 'eligo' } });
