package mcs.runtime.onnx.export;

import mcs.runtime.onnx.export.OnnxGraph.Attribute;
import mcs.runtime.onnx.export.OnnxGraph.FloatAttribute;
import mcs.runtime.onnx.export.OnnxGraph.Initializer;
import mcs.runtime.onnx.export.OnnxGraph.IntAttribute;
import mcs.runtime.onnx.export.OnnxGraph.IntsAttribute;
import mcs.runtime.onnx.export.OnnxGraph.Node;
import mcs.runtime.onnx.export.OnnxGraph.Value;

/**
 * Serialises an {@link OnnxGraph} as an ONNX {@code ModelProto} (IR version 8, default domain
 * opset 13). The field numbers are those of {@code onnx.proto}.
 */
final class OnnxWriter {

    static final long IR_VERSION = 8;
    static final long OPSET = 13;

    // ModelProto
    private static final int MODEL_IR_VERSION = 1;
    private static final int MODEL_PRODUCER_NAME = 2;
    private static final int MODEL_GRAPH = 7;
    private static final int MODEL_OPSET_IMPORT = 8;
    // OperatorSetIdProto
    private static final int OPSET_DOMAIN = 1;
    private static final int OPSET_VERSION = 2;
    // GraphProto
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_NAME = 2;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    // NodeProto
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP_TYPE = 4;
    private static final int NODE_ATTRIBUTE = 5;
    // AttributeProto and its AttributeType values
    private static final int ATTR_NAME = 1;
    private static final int ATTR_F = 2;
    private static final int ATTR_I = 3;
    private static final int ATTR_INTS = 8;
    private static final int ATTR_TYPE = 20;
    private static final int TYPE_FLOAT = 1;
    private static final int TYPE_INT = 2;
    private static final int TYPE_INTS = 7;
    // TensorProto
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    // ValueInfoProto, TypeProto, TypeProto.Tensor, TensorShapeProto(.Dimension)
    private static final int VALUE_NAME = 1;
    private static final int VALUE_TYPE = 2;
    private static final int TYPE_TENSOR_TYPE = 1;
    private static final int TENSOR_TYPE_ELEM_TYPE = 1;
    private static final int TENSOR_TYPE_SHAPE = 2;
    private static final int SHAPE_DIM = 1;
    private static final int DIM_VALUE = 1;
    private static final int DIM_PARAM = 2;

    private OnnxWriter() {
    }

    static byte[] write(OnnxGraph graph) {
        return new ProtoMessage()
                .int64(MODEL_IR_VERSION, IR_VERSION)
                .string(MODEL_PRODUCER_NAME, "mcs")
                .message(MODEL_GRAPH, graph(graph))
                .message(MODEL_OPSET_IMPORT, new ProtoMessage().string(OPSET_DOMAIN, "")
                        .int64(OPSET_VERSION, OPSET))
                .toByteArray();
    }

    private static ProtoMessage graph(OnnxGraph g) {
        ProtoMessage m = new ProtoMessage();
        for (Node n : g.nodes()) {
            m.message(GRAPH_NODE, node(n));
        }
        m.string(GRAPH_NAME, g.name());
        for (Initializer t : g.initializers()) {
            m.message(GRAPH_INITIALIZER, tensor(t));
        }
        m.message(GRAPH_INPUT, value(g.input()));
        m.message(GRAPH_OUTPUT, value(g.output()));
        return m;
    }

    private static ProtoMessage node(Node n) {
        ProtoMessage m = new ProtoMessage();
        for (String in : n.inputs()) {
            m.string(NODE_INPUT, in);
        }
        for (String out : n.outputs()) {
            m.string(NODE_OUTPUT, out);
        }
        m.string(NODE_NAME, n.name()).string(NODE_OP_TYPE, n.op());
        for (Attribute a : n.attributes()) {
            m.message(NODE_ATTRIBUTE, attribute(a));
        }
        return m;
    }

    private static ProtoMessage attribute(Attribute a) {
        ProtoMessage m = new ProtoMessage().string(ATTR_NAME, a.name());
        if (a instanceof IntAttribute i) {
            return m.int64(ATTR_I, i.value()).int32(ATTR_TYPE, TYPE_INT);
        } else if (a instanceof FloatAttribute f) {
            return m.float32(ATTR_F, f.value()).int32(ATTR_TYPE, TYPE_FLOAT);
        } else if (a instanceof IntsAttribute l) {
            return m.int64s(ATTR_INTS, l.values()).int32(ATTR_TYPE, TYPE_INTS);
        }
        throw new IllegalStateException("unknown attribute " + a);
    }

    private static ProtoMessage tensor(Initializer t) {
        return new ProtoMessage()
                .int64s(TENSOR_DIMS, t.dims())
                .int32(TENSOR_DATA_TYPE, t.dataType())
                .string(TENSOR_NAME, t.name())
                .bytes(TENSOR_RAW_DATA, t.raw());
    }

    private static ProtoMessage value(Value v) {
        ProtoMessage shape = new ProtoMessage()
                .message(SHAPE_DIM, new ProtoMessage().string(DIM_PARAM, OnnxGraph.BATCH));
        for (int d : v.dims()) {
            shape.message(SHAPE_DIM, new ProtoMessage().int64(DIM_VALUE, d));
        }
        ProtoMessage tensorType = new ProtoMessage()
                .int32(TENSOR_TYPE_ELEM_TYPE, OnnxGraph.FLOAT)
                .message(TENSOR_TYPE_SHAPE, shape);
        return new ProtoMessage().string(VALUE_NAME, v.name())
                .message(VALUE_TYPE, new ProtoMessage().message(TYPE_TENSOR_TYPE, tensorType));
    }
}
