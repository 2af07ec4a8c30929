/**
 * Import of ONNX exports: a protobuf wire-format reader, the ONNX graph's initializers, nodes and
 * constants, and the mapping of a BERT-family graph onto HuggingFace's parameter names, written out
 * as a HuggingFace directory that every command loads.
 */
package org.brainalign.models.onnx;
