// ONNX bytes -> a plain, JSON-safe description (inputs, outputs, nodes with decoded attributes, initializers, opsets,
// metadata). The import validator, the tree extractor and the explain-graph rewriter all read this instead of the
// protobuf objects, whose int64 fields are Long instances and whose unset fields read as defaults.
import { onnx, toNum, ELEM_TYPES, type OnnxTypes } from '@/lib/ml/onnx/proto';

export interface ValueDesc {
  name: string;
  isTensor: boolean;
  /** 'float' | 'double' | 'int64' | 'string' | 'bool' | ...; null for non-tensors. */
  elemType: string | null;
  /** Tensor shape with null for symbolic/unknown dims; null when the graph gives no shape. */
  shape: (number | null)[] | null;
  /** Readable type, e.g. `tensor(float)[N,2]` or `seq(map(int64,tensor(float)))`. */
  type: string;
}

export interface TensorValue {
  elemType: string;
  dims: number[];
  data: number[] | string[];
}

export type AttrValue = number | string | number[] | string[] | TensorValue | { graph: string } | null;

export interface NodeDesc {
  name: string;
  opType: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  attributes: Record<string, AttrValue>;
}

export interface ParsedOnnx {
  irVersion: number;
  producerName: string;
  producerVersion: string;
  docString: string;
  opsets: { domain: string; version: number }[];
  inputs: ValueDesc[];
  outputs: ValueDesc[];
  /** Intermediate value_info entries (shapes of internal tensors when the exporter recorded them). */
  valueInfo: ValueDesc[];
  nodes: NodeDesc[];
  initializers: Record<string, TensorValue>;
  metadata: Record<string, string>;
}

const utf8 = new TextDecoder();

type TypeProto = OnnxTypes.ITypeProto | null | undefined;

function describeType(t: TypeProto): Omit<ValueDesc, 'name'> {
  if (t?.tensorType) {
    const elemType = ELEM_TYPES[t.tensorType.elemType ?? 0] ?? 'undefined';
    // dim_value/dim_param are a oneof: decoded messages expose which one is set as `value` (unset fields read as
    // prototype defaults, so `dimValue` alone would turn a symbolic dim into 0).
    const dims = (t.tensorType.shape?.dim ?? null) as OnnxTypes.TensorShapeProto.Dimension[] | null;
    const dimOf = (d: OnnxTypes.TensorShapeProto.Dimension) => (d.value === 'dimValue' ? toNum(d.dimValue) : null);
    const shape = dims ? dims.map(dimOf) : null;
    const shapeText = dims ? `[${dims.map((d) => dimOf(d) ?? (d.value === 'dimParam' ? d.dimParam : '?')).join(',')}]` : '';
    return { isTensor: true, elemType, shape, type: `tensor(${elemType})${shapeText}` };
  }
  return { isTensor: false, elemType: null, shape: null, type: typeText(t) };
}

function typeText(t: TypeProto): string {
  if (!t) return 'unknown';
  if (t.tensorType) return `tensor(${ELEM_TYPES[t.tensorType.elemType ?? 0] ?? 'undefined'})`;
  if (t.sequenceType) return `seq(${typeText(t.sequenceType.elemType)})`;
  if (t.mapType) return `map(${ELEM_TYPES[t.mapType.keyType ?? 0] ?? 'undefined'},${typeText(t.mapType.valueType)})`;
  if (t.optionalType) return `optional(${typeText(t.optionalType.elemType)})`;
  if (t.sparseTensorType) return `sparse_tensor(${ELEM_TYPES[t.sparseTensorType.elemType ?? 0] ?? 'undefined'})`;
  return 'unknown';
}

function valueDesc(v: OnnxTypes.IValueInfoProto): ValueDesc {
  return { name: v.name ?? '', ...describeType(v.type) };
}

/** Decodes a TensorProto's values (typed fields or little-endian raw_data). */
export function tensorValue(t: OnnxTypes.ITensorProto): TensorValue {
  const code = t.dataType ?? 0;
  const elemType = ELEM_TYPES[code] ?? 'undefined';
  const dims = (t.dims ?? []).map(toNum);
  const raw = t.rawData && t.rawData.length ? t.rawData : null;
  let data: number[] | string[] = [];
  if (elemType === 'string') data = (t.stringData ?? []).map((b) => utf8.decode(b));
  else if (raw) {
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const read: Record<string, [number, (o: number) => number]> = {
      float: [4, (o) => view.getFloat32(o, true)],
      double: [8, (o) => view.getFloat64(o, true)],
      int64: [8, (o) => Number(view.getBigInt64(o, true))],
      int32: [4, (o) => view.getInt32(o, true)],
      int8: [1, (o) => view.getInt8(o)],
      uint8: [1, (o) => view.getUint8(o)],
      bool: [1, (o) => view.getUint8(o)],
    };
    const r = read[elemType];
    if (!r) throw new Error(`raw tensor data of type ${elemType} is not supported`);
    data = Array.from({ length: raw.byteLength / r[0] }, (_, i) => r[1](i * r[0]));
  } else if (elemType === 'float') data = [...(t.floatData ?? [])];
  else if (elemType === 'double') data = [...(t.doubleData ?? [])];
  else if (elemType === 'int64') data = (t.int64Data ?? []).map(toNum);
  else if (elemType === 'uint64' || elemType === 'uint32') data = (t.uint64Data ?? []).map(toNum);
  else data = [...(t.int32Data ?? [])];
  return { elemType, dims, data };
}

const AT = onnx.AttributeProto.AttributeType;

function attrValue(a: OnnxTypes.IAttributeProto): AttrValue {
  // Old exporters omit `type`; fall back to whichever field is populated.
  const type =
    a.type ||
    (a.floats?.length ? AT.FLOATS : a.ints?.length ? AT.INTS : a.strings?.length ? AT.STRINGS : a.t ? AT.TENSOR : a.s?.length ? AT.STRING : a.g ? AT.GRAPH : AT.UNDEFINED);
  switch (type) {
    case AT.FLOAT: return a.f ?? 0;
    case AT.INT: return toNum(a.i ?? 0);
    case AT.STRING: return utf8.decode(a.s ?? new Uint8Array());
    case AT.FLOATS: return [...(a.floats ?? [])];
    case AT.INTS: return (a.ints ?? []).map(toNum);
    case AT.STRINGS: return (a.strings ?? []).map((s) => utf8.decode(s));
    case AT.TENSOR: return a.t ? tensorValue(a.t) : null;
    case AT.GRAPH: return { graph: a.g?.name ?? '' };
    default: return null;
  }
}

/** Parses ONNX bytes; throws with a readable reason when they are not an ONNX model with a graph. */
export function parseOnnxModel(bytes: Uint8Array): ParsedOnnx {
  let m: OnnxTypes.ModelProto;
  try {
    m = onnx.ModelProto.decode(bytes);
  } catch (e) {
    throw new Error(`not an ONNX model (protobuf decoding failed: ${(e as Error).message})`);
  }
  const g = m.graph;
  if (!g || !g.node?.length) throw new Error('not an ONNX model (no graph nodes)');
  const initializers: Record<string, TensorValue> = {};
  for (const t of g.initializer ?? []) if (t.name) initializers[t.name] = tensorValue(t);
  const metadata: Record<string, string> = {};
  for (const p of m.metadataProps ?? []) if (p.key) metadata[p.key] = p.value ?? '';
  return {
    irVersion: toNum(m.irVersion ?? 0),
    producerName: m.producerName ?? '',
    producerVersion: m.producerVersion ?? '',
    docString: m.docString ?? '',
    opsets: (m.opsetImport ?? []).map((o) => ({ domain: o.domain ?? '', version: toNum(o.version ?? 0) })),
    // Since IR 4 initializers may also be listed as inputs; they are not something a caller feeds.
    inputs: (g.input ?? []).filter((v) => !(v.name && v.name in initializers)).map(valueDesc),
    outputs: (g.output ?? []).map(valueDesc),
    valueInfo: (g.valueInfo ?? []).map(valueDesc),
    nodes: (g.node ?? []).map((n) => ({
      name: n.name ?? '',
      opType: n.opType ?? '',
      domain: n.domain ?? '',
      inputs: [...(n.input ?? [])],
      outputs: [...(n.output ?? [])],
      attributes: Object.fromEntries((n.attribute ?? []).map((a) => [a.name ?? '', attrValue(a)])),
    })),
    initializers,
    metadata,
  };
}

/** The declared description of a tensor by name, wherever the graph records it (inputs, outputs, value_info). */
export function findValue(parsed: ParsedOnnx, name: string): ValueDesc | undefined {
  return parsed.inputs.find((v) => v.name === name) ?? parsed.valueInfo.find((v) => v.name === name) ?? parsed.outputs.find((v) => v.name === name);
}

export { extractTreeEnsemble, type ExtractedEnsemble } from '@/lib/ml/onnx/extract';
