// Thin helpers over onnx-proto (static protobufjs code for ONNX 1.10, IR 8) shared by the exporter, the parser and
// the explain-graph rewriter. onnx-proto is CommonJS whose `module.exports` is the protobuf root, so the default
// import is the only form that works the same under Node ESM, vitest and Next's bundler.
import onnxProto from 'onnx-proto';

export const { onnx } = onnxProto;
/** The generated message interfaces (`OnnxTypes.ITensorProto`, ...), for type positions only. */
export type { onnx as OnnxTypes } from 'onnx-proto';

const AT = onnx.AttributeProto.AttributeType;

export const attr = {
  ints: (name: string, ints: readonly number[]) => ({ name, type: AT.INTS, ints: [...ints] }),
  floats: (name: string, floats: ArrayLike<number>) => ({ name, type: AT.FLOATS, floats: Array.from(floats) }),
  strings: (name: string, v: readonly string[]) => ({ name, type: AT.STRINGS, strings: v.map((s) => Buffer.from(s, 'utf8')) }),
  string: (name: string, v: string) => ({ name, type: AT.STRING, s: Buffer.from(v, 'utf8') }),
  int: (name: string, i: number) => ({ name, type: AT.INT, i }),
};

/** int64 fields decode as Long objects (protobufjs finds the `long` package); ids and dims fit in a double. */
export function toNum(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v && typeof v === 'object' && 'toNumber' in v && typeof (v as { toNumber: unknown }).toNumber === 'function') {
    return (v as { toNumber(): number }).toNumber();
  }
  return Number(v);
}

export const ELEM_TYPES: Record<number, string> = {
  1: 'float', 2: 'uint8', 3: 'int8', 4: 'uint16', 5: 'int16', 6: 'int32', 7: 'int64', 8: 'string', 9: 'bool',
  10: 'float16', 11: 'double', 12: 'uint32', 13: 'uint64', 14: 'complex64', 15: 'complex128', 16: 'bfloat16',
};

export function elemTypeCode(name: string): number {
  const hit = Object.entries(ELEM_TYPES).find(([, n]) => n === name);
  if (!hit) throw new Error(`unknown ONNX element type ${name}`);
  return Number(hit[0]);
}

/** A tensor type for a ValueInfoProto; `null` dims are symbolic (named `N`). */
export function tensorType(elem: string, shape: readonly (number | null)[] | null) {
  return {
    tensorType: {
      elemType: elemTypeCode(elem),
      ...(shape ? { shape: { dim: shape.map((d) => (d === null ? { dimParam: 'N' } : { dimValue: d })) } } : {}),
    },
  };
}
