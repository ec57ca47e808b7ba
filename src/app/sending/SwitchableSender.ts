// The worker's DocumentSender when the DMP session may come later (card inserted or PIN typed
// after the service started): the worker is built once, and the sender behind it is swapped in
// when the session opens. Until then it answers "not now", which the worker never asks while
// it is paused.
import type {
  DocumentSender,
  LookupOutcome,
  SendOutcome,
} from '../../domain/ports/DocumentSender.js';

export class SwitchableSender implements DocumentSender {
  constructor(private target: DocumentSender) {}

  use(target: DocumentSender): void {
    this.target = target;
  }

  send(...args: Parameters<DocumentSender['send']>): Promise<SendOutcome> {
    return this.target.send(...args);
  }

  findByUniqueId(...args: Parameters<DocumentSender['findByUniqueId']>): Promise<LookupOutcome> {
    return this.target.findByUniqueId(...args);
  }
}
