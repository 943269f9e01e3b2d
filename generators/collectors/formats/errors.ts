/**
 * A model value a target format cannot hold safely. Thrown by the format
 * escapers; the collectors generator reports it (LMAC300) at the value's place
 * in the model and writes nothing for that file.
 */
import { Codes, type Code } from '../../../src/diagnostics/index.js';

export class UnrepresentableValue extends Error {
  constructor(
    message: string,
    /** The value's path under the node's parameters (['lma', 'logs', 'x', 'path']), when known. */
    readonly path: (string | number)[] = [],
    /** The diagnostic code it is reported with. */
    readonly code: Code = Codes.VALUE_UNREPRESENTABLE,
  ) {
    super(message);
  }
}
