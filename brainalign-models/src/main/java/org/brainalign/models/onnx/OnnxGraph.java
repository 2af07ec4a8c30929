package org.brainalign.models.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.brainalign.models.ModelFormatException;

/**
 * The parts of an ONNX {@code ModelProto} an importer needs: the graph's initializers, its nodes
 * (name, operator, inputs, outputs, attributes), and its input and output names. Read straight from
 * the protobuf wire format of a memory-mapped file; tensor data is not copied until asked for.
 *
 * @param file where it was read from
 * @param initializers by name, in file order
 * @param nodes in file (topological) order
 * @param inputs the graph's input names
 * @param outputs the graph's output names
 */
public record OnnxGraph(Path file, Map<String, OnnxTensor> initializers, List<Node> nodes, List<String> inputs,
                        List<String> outputs) {

    /**
     * One node of the graph.
     *
     * @param name e.g. {@code /encoder/layer.0/attention/self/query/MatMul}
     * @param opType e.g. {@code MatMul}
     * @param inputs the names of its input values ({@code ""} for an omitted optional input)
     * @param outputs the names of its output values
     * @param attributes by name
     */
    public record Node(String name, String opType, List<String> inputs, List<String> outputs, Map<String, Attribute> attributes) {
    }

    /** A node attribute: a float, an integer, a string, a tensor, or a list of integers (whichever is set). */
    public record Attribute(String name, Float f, Long i, String s, OnnxTensor t, long[] ints) {
    }

    /** Reads {@code file}; a truncated or corrupt file is a {@link ModelFormatException} naming it. */
    public static OnnxGraph read(Path file) {
        String where = file.toString();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() > Integer.MAX_VALUE) {
                throw new ModelFormatException(where + ": " + ch.size() + " bytes; a single-file ONNX model is under 2 GB "
                        + "(larger ones keep external data, which is not read)");
            }
            ByteBuffer all = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            Wire model = new Wire(all, where);
            ByteBuffer graph = null;
            while (model.next()) {
                if (model.field() == 7) {
                    graph = model.bytes();
                } else {
                    model.skip();
                }
            }
            if (graph == null) {
                throw new ModelFormatException(where + ": no graph (ModelProto field 7); is this an ONNX model?");
            }
            return parseGraph(file, graph, where);
        } catch (IOException e) {
            throw new ModelFormatException(where + ": cannot read ONNX model: " + e.getMessage(), e);
        }
    }

    private static OnnxGraph parseGraph(Path file, ByteBuffer bytes, String where) {
        Wire g = new Wire(bytes, where + " graph");
        Map<String, OnnxTensor> inits = new LinkedHashMap<>();
        List<Node> nodes = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        while (g.next()) {
            switch (g.field()) {
                case 1 -> nodes.add(node(g.bytes(), where));
                case 5 -> {
                    OnnxTensor t = tensor(g.bytes(), where);
                    if (inits.put(t.name(), t) != null) {
                        throw new ModelFormatException(where + ": initializer '" + t.name() + "' appears twice");
                    }
                }
                case 11 -> inputs.add(valueName(g.bytes(), where));
                case 12 -> outputs.add(valueName(g.bytes(), where));
                case 15 -> throw new ModelFormatException(where + ": has sparse initializers, which are not read");
                default -> g.skip();
            }
        }
        return new OnnxGraph(file, Collections.unmodifiableMap(inits), List.copyOf(nodes), List.copyOf(inputs),
                List.copyOf(outputs));
    }

    private static String valueName(ByteBuffer b, String where) {
        Wire w = new Wire(b, where + " value info");
        String name = "";
        while (w.next()) {
            if (w.field() == 1) {
                name = w.string();
            } else {
                w.skip();
            }
        }
        return name;
    }

    private static Node node(ByteBuffer b, String where) {
        Wire w = new Wire(b, where + " node");
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        Map<String, Attribute> attrs = new HashMap<>();
        String name = "", op = "";
        while (w.next()) {
            switch (w.field()) {
                case 1 -> in.add(w.string());
                case 2 -> out.add(w.string());
                case 3 -> name = w.string();
                case 4 -> op = w.string();
                case 5 -> {
                    Attribute a = attribute(w.bytes(), where);
                    attrs.put(a.name(), a);
                }
                default -> w.skip();
            }
        }
        return new Node(name, op, List.copyOf(in), List.copyOf(out), Map.copyOf(attrs));
    }

    private static Attribute attribute(ByteBuffer b, String where) {
        Wire w = new Wire(b, where + " attribute");
        String name = "";
        Float f = null;
        Long i = null;
        String str = null;
        OnnxTensor t = null;
        List<Long> ints = new ArrayList<>();
        while (w.next()) {
            switch (w.field()) {
                case 1 -> name = w.string();
                case 2 -> f = w.fixed32Float();
                case 3 -> i = w.varint();
                case 4 -> str = w.string();
                case 5 -> t = tensor(w.bytes(), where);
                case 8 -> w.longs(ints::add);
                default -> w.skip();
            }
        }
        return new Attribute(name, f, i, str, t, ints.stream().mapToLong(Long::longValue).toArray());
    }

    static OnnxTensor tensor(ByteBuffer b, String where) {
        Wire w = new Wire(b, where + " tensor");
        List<Long> dims = new ArrayList<>();
        List<Long> ints = new ArrayList<>();
        List<Float> floats = new ArrayList<>();
        int type = 0;
        String name = "";
        ByteBuffer raw = null;
        boolean external = false;
        while (w.next()) {
            switch (w.field()) {
                case 1 -> w.longs(dims::add);
                case 2 -> type = (int) w.varint();
                case 4 -> {
                    if (w.type() == Wire.LENGTH) {
                        ByteBuffer packed = w.bytes();
                        while (packed.remaining() >= 4) {
                            floats.add(packed.getFloat());
                        }
                    } else {
                        floats.add(w.fixed32Float());
                    }
                }
                case 5, 7 -> w.longs(ints::add);
                case 8 -> name = w.string();
                case 9 -> raw = w.bytes();
                case 14 -> external = w.varint() == 1;
                default -> w.skip();
            }
        }
        float[] fd = new float[floats.size()];
        for (int k = 0; k < fd.length; k++) {
            fd[k] = floats.get(k);
        }
        return new OnnxTensor(name, type, dims.stream().mapToLong(Long::longValue).toArray(), raw, fd,
                ints.stream().mapToLong(Long::longValue).toArray(), external);
    }

    /** The nodes that take {@code value} as an input. */
    public List<Node> consumers(String value) {
        return nodes.stream().filter(n -> n.inputs().contains(value)).toList();
    }

    /** The node that produces {@code value}, if any. */
    public Optional<Node> producer(String value) {
        return nodes.stream().filter(n -> n.outputs().contains(value)).findFirst();
    }

    /** The integer values of {@code value} when it is constant (an initializer or a Constant node's output). */
    public Optional<long[]> constantLongs(String value) {
        OnnxTensor t = initializers.get(value);
        if (t == null) {
            t = producer(value).filter(n -> n.opType().equals("Constant")).map(n -> n.attributes().get("value"))
                    .map(Attribute::t).orElse(null);
        }
        if (t == null || t.dataType() != OnnxTensor.INT64 && t.dataType() != OnnxTensor.INT32) {
            return Optional.empty();
        }
        return Optional.of(t.longs());
    }
}
