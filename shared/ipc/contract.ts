import { z } from 'zod';
import { appStatusSchema, keychainStatusSchema } from '../domain/app-status';
import {
  connectionIdSchema,
  connectionSaveSchema,
  connectionViewSchema,
} from '../domain/connection';

/**
 * The one IPC contract. Every channel names the schema of its request and of its reply.
 * Electron's IPC adapter and the browser host both dispatch through the same handler table,
 * which must implement exactly these channels. Reply schemas strip unknown keys, so a field a
 * service adds by mistake (a secret, say) never reaches the renderer.
 */
export const contract = {
  'app.status': {
    request: z.object({}).strict(),
    reply: appStatusSchema,
  },
  'keychain.status': {
    request: z.object({}).strict(),
    reply: keychainStatusSchema,
  },
  'connections.list': {
    request: z.object({}).strict(),
    reply: z.array(connectionViewSchema),
  },
  'connections.add': {
    request: connectionSaveSchema,
    reply: connectionViewSchema,
  },
  'connections.update': {
    request: connectionSaveSchema.extend({ id: connectionIdSchema }),
    reply: connectionViewSchema,
  },
  'connections.remove': {
    request: z.object({ id: connectionIdSchema }).strict(),
    reply: z.object({ removed: z.literal(true) }),
  },
  'app.openExternal': {
    request: z.object({ url: z.string().max(2048) }).strict(),
    reply: z.object({ opened: z.boolean() }),
  },
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['request']>;
export type ReplyOf<C extends Channel> = z.output<Contract[C]['reply']>;

export const channels = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

export { HOST_API_PREFIX, IPC_INVOKE_CHANNEL, MAX_REQUEST_BYTES } from './channel-names';
