/**
 * The shape of the IPC contract: each operation declared once with its channel and
 * zod request/response schemas; each main→renderer event declared with its payload schema.
 * Types everywhere else are inferred from these declarations.
 */
import type { z } from 'zod';
import type { Result } from './result';

/** One request/response operation, e.g. `app:info`. */
export interface OperationDef<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  /** `domain:verb`, unique across the contract. */
  readonly channel: `${string}:${string}`;
  /** Validated in the main process before the service runs. */
  readonly request: Req;
  /** What the service returns; validated in tests and by the bridge in development. */
  readonly response: Res;
  /** One line saying what the operation does (shown in docs and errors). */
  readonly summary: string;
}

/** One main→renderer event, e.g. progress of a key generation. */
export interface EventDef<Payload extends z.ZodType = z.ZodType> {
  readonly channel: `${string}:${string}`;
  readonly payload: Payload;
  readonly summary: string;
}

/** Declares an operation; a typed identity function. */
export function defineOperation<Req extends z.ZodType, Res extends z.ZodType>(def: OperationDef<Req, Res>): OperationDef<Req, Res> {
  return def;
}

/** Declares an event; a typed identity function. */
export function defineEvent<Payload extends z.ZodType>(def: EventDef<Payload>): EventDef<Payload> {
  return def;
}

/** The request type a caller passes for an operation. */
export type RequestOf<O extends OperationDef> = z.input<O['request']>;
/** The request type a handler receives (after zod parsing and defaults). */
export type ParsedRequestOf<O extends OperationDef> = z.output<O['request']>;
/** The value type an operation resolves with. */
export type ResponseOf<O extends OperationDef> = z.input<O['response']>;
/** The payload type of an event. */
export type PayloadOf<E extends EventDef> = z.output<E['payload']>;

/** A bridge method: requests with no required member may be called without an argument. */
// `{} extends T` is the idiom for "every member of T is optional"; no other type says it.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type BridgeMethod<O extends OperationDef> = {} extends RequestOf<O>
  ? (request?: RequestOf<O>) => Promise<Result<ResponseOf<O>>>
  : (request: RequestOf<O>) => Promise<Result<ResponseOf<O>>>;

/** A bridge subscription: returns the function that unsubscribes. */
export type BridgeSubscription<E extends EventDef> = (listener: (payload: PayloadOf<E>) => void) => () => void;

/** `onFooBar` for an event named `fooBar`. */
export type SubscriptionName<K extends string> = `on${Capitalize<K>}`;

/** Turns an event key into its subscription method name. */
export function subscriptionName<K extends string>(key: K): SubscriptionName<K> {
  return `on${key.charAt(0).toUpperCase()}${key.slice(1)}` as SubscriptionName<K>;
}
