import { EN_NUMBER, formatNumber, VI_NUMBER } from "../../src/i18n/number";

/** The definition formatNumber replaces: ICU through Intl, as the translator used it. */
const vi = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 5 });
const en = new Intl.NumberFormat("en-US", { maximumFractionDigits: 5 });

test("formatNumber writes what Intl.NumberFormat writes, in Vietnamese and English", () => {
  const fixed = [
    0, -0, 1, -1, 0.25, 1.5, 75.66483, 97.685, 0.1 + 0.2, 1 / 3, 2 / 3, -2 / 3, 0.000005, 0.0000049, 0.000015, -0.000004, 1.000005, 2.675, 1.005,
    0.999995, 9.999995, 99999.999995, 999.9999951, 1000, 1234.5, -1234567.891, 1e6, 12345678901234, 2 ** 53, 1e21, 1.2345678901234567e25, -3e22,
    1e-7, -1e-7, 1.5e-7, 5e-6, 4.99999e-6, 123.456789, 0.1, 0.7, 1e-300, Number.MAX_VALUE, Number.MIN_VALUE, -Number.MIN_VALUE, Infinity, -Infinity, NaN,
  ];
  let seed = 11;
  const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const random: number[] = [];
  for (let i = 0; i < 20_000; i++) {
    const magnitude = 10 ** Math.floor(rnd() * 30 - 12);
    const decimals = Math.floor(rnd() * 9);
    const x = (rnd() - 0.3) * magnitude;
    random.push(x, Number(x.toFixed(decimals)), Math.round(rnd() * 100_000) / 100_000 + Math.floor(rnd() * 100), Math.round(rnd() * 2_000_000) / 2_000_000);
  }
  const differ: string[] = [];
  for (const n of [...fixed, ...random]) {
    const [a, b, c, d] = [formatNumber(n, VI_NUMBER), vi.format(n), formatNumber(n, EN_NUMBER), en.format(n)];
    if (a !== b || c !== d) differ.push(`${n}: ${a} / ${b}, ${c} / ${d}`);
  }
  expect(differ.slice(0, 10)).toEqual([]);
  expect(formatNumber(1234.5, VI_NUMBER)).toBe("1.234,5");
});
