export * from './contact';
export * from './order-number';
export * from './rating';
export * from './money';
