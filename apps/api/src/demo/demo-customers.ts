import { SandboxHandle } from '@switchboard/wa-sandbox';

export interface DemoNumber {
  key: 'sales' | 'support' | 'hr';
  phoneNumberId: string;
}

type Step = (s: SandboxHandle, n: Record<DemoNumber['key'], string>) => Promise<unknown>;

/** Scripted customers: enough variety to show cards, media, locations and buttons in every department. */
export const OPENING_SCRIPT: Step[] = [
  (s, n) =>
    s
      .customer('5511987654321', { name: 'Ana Souza' })
      .withNumber(n.sales)
      .text('Olá! Quero um orçamento para 50 cafeteiras.'),
  (s, n) =>
    s
      .customer('5511987654321', { name: 'Ana Souza' })
      .withNumber(n.sales)
      .image({ caption: 'Este modelo aqui' }),
  (s, n) =>
    s
      .customer('14155550123', { name: 'James Miller' })
      .withNumber(n.sales)
      .text('Hi, do you ship to California?'),
  (s, n) =>
    s
      .customer('5215512345678', { name: 'Lucía Pérez' })
      .withNumber(n.support)
      .text('Mi pedido #8841 llegó dañado 😞'),
  (s, n) =>
    s
      .customer('5215512345678', { name: 'Lucía Pérez' })
      .withNumber(n.support)
      .document({ filename: 'factura-8841.pdf', caption: 'Factura', mimeType: 'application/pdf' }),
  (s, n) =>
    s
      .customer('5521998765432', { name: 'Carlos Lima' })
      .withNumber(n.support)
      .location({ latitude: -22.9068, longitude: -43.1729, name: 'Loja Centro', address: 'Rio de Janeiro' }),
  (s, n) =>
    s
      .customer('5511912345678', { name: 'Marina Alves' })
      .withNumber(n.hr)
      .text('Bom dia! Preciso do meu holerite de outubro.'),
  (s, n) =>
    s
      .customer('5511923456789', { name: 'Rafael Costa' })
      .withNumber(n.hr)
      .text('Quero marcar minhas férias para janeiro.'),
];

const FOLLOW_UPS: Step[] = [
  (s, n) =>
    s
      .customer('5511987654321', { name: 'Ana Souza' })
      .withNumber(n.sales)
      .text('Alguma novidade sobre o orçamento?'),
  (s, n) =>
    s
      .customer('14155550123', { name: 'James Miller' })
      .withNumber(n.sales)
      .buttonReply({ id: 'ship-standard', title: 'Standard' }),
  (s, n) =>
    s
      .customer('5215512345678', { name: 'Lucía Pérez' })
      .withNumber(n.support)
      .text('¿Hay novedades de mi caso?'),
  (s, n) => s.customer('5511912345678', { name: 'Marina Alves' }).withNumber(n.hr).text('Obrigada! 🙏'),
  (s, n) =>
    s
      .customer(`55119${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`, { name: 'Novo cliente' })
      .withNumber(n.sales)
      .text('Oi, vocês vendem no atacado?'),
];

/** Sends the opening script, then a follow-up every `everyMs` until stopped. */
export function runDemoCustomers(
  sandbox: SandboxHandle,
  numbers: Record<DemoNumber['key'], string>,
  everyMs: number,
  onError: (e: Error) => void,
) {
  let i = 0;
  let stopped = false;
  const run = async () => {
    for (const step of OPENING_SCRIPT) {
      if (stopped) return;
      await step(sandbox, numbers).catch(onError);
    }
  };
  void run();
  const timer = setInterval(() => {
    if (stopped) return;
    FOLLOW_UPS[i++ % FOLLOW_UPS.length](sandbox, numbers).catch(onError);
  }, everyMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
