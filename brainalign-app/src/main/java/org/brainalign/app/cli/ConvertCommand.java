package org.brainalign.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.brainalign.models.config.BertConfig;
import org.brainalign.models.onnx.OnnxImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code brainalign convert}: turns models in other formats into HuggingFace directories. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert a model from another format into a HuggingFace directory every command loads.",
        subcommands = {ConvertCommand.Onnx.class})
public final class ConvertCommand {

    /** {@code brainalign convert onnx}: a BERT-family ONNX export to config.json + model.safetensors + tokenizer.json. */
    @Command(name = "onnx", mixinStandardHelpOptions = true,
            description = "Import a BERT-family ONNX export (HuggingFace names; dense weights as MatMul initializers). "
                    + "The config is read off the graph where it can be, else give --config.")
    public static final class Onnx implements Callable<Integer> {
        @Parameters(paramLabel = "<model.onnx>", description = "The ONNX file (fp32/fp16; int8-quantized graphs are refused).")
        Path onnx;

        @Option(names = "--tokenizer", required = true, paramLabel = "<tokenizer.json>", description = "The model's tokenizer.json.")
        Path tokenizer;

        @Option(names = "--config", paramLabel = "<config.json>",
                description = "The model's HuggingFace config.json, when the graph does not fix every field.")
        Path config;

        @Option(names = "--out", required = true, paramLabel = "<dir>", description = "Where to write the directory (new or empty).")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            OnnxImport.Imported imported = OnnxImport.convert(onnx, tokenizer, Optional.ofNullable(config), out);
            PrintWriter w = spec.commandLine().getOut();
            BertConfig c = imported.config();
            w.printf("converted %s -> %s%n", onnx.getFileName(), out);
            w.printf("  bert: %d layers, hidden %d, %d heads, intermediate %d, vocab %,d, %d positions, %s, eps %s%n",
                    c.numLayers(), c.hiddenSize(), c.numHeads(), c.intermediateSize(), c.vocabSize(), c.maxPositions(),
                    c.activation().hfName(), c.layerNormEps());
            w.printf("  %d parameter tensors mapped one to one%n", imported.tensors().keys().size());
            imported.inferred().forEach(i -> w.println("  inferred " + i));
            w.printf("score it with: brainalign score --model %s ...; its untrained twin is untrained:%s%n", out, out);
            return 0;
        }
    }
}
