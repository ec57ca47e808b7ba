import { ckrName } from '../pkcs11/pkcs11Constants.js';
import { CardError } from './CardError.js';

/**
 * A PKCS#11 function returned an error code. The backends (the worker client, the fake) throw it
 * as is; the card service maps the codes it understands to precise CardErrors (PIN, removal…)
 * and lets the others through: it is itself a CardError, with a French message.
 */
export class Pkcs11CallError extends CardError {
  override readonly name: string = 'Pkcs11CallError';
  readonly ckr: number;
  readonly fn: string;

  constructor(fn: string, ckr: number) {
    super(
      'CARD_PKCS11_ERROR',
      `Le module de la carte a renvoyé une erreur (${ckrName(ckr)} lors de ${fn}). ` +
        'Retirez et réinsérez la carte ; si le problème persiste, réinstallez la Cryptolib CPS.',
      { fn, ckr, ckrName: ckrName(ckr) },
    );
    this.ckr = ckr;
    this.fn = fn;
  }
}

export function isPkcs11CallError(value: unknown, ...codes: number[]): value is Pkcs11CallError {
  return value instanceof Pkcs11CallError && (codes.length === 0 || codes.includes(value.ckr));
}
