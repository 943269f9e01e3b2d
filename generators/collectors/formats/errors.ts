/**
 * A model value a target format cannot hold safely. Thrown by the format
 * escapers; the collectors generator reports it (LMAC300) at the value's place
 * in the model and writes nothing for that file.
 */
export class UnrepresentableValue extends Error {
  constructor(
    message: string,
    /** The value's path under the node's parameters (['lma', 'logs', 'x', 'path']), when known. */
    readonly path: (string | number)[] = [],
  ) {
    super(message);
  }
}
