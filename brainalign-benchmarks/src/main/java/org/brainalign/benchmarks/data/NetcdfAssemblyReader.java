package org.brainalign.benchmarks.data;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.brainalign.core.assembly.Assembly;
import org.brainalign.core.assembly.Coordinate;
import org.brainalign.core.linalg.DMatrix;

/**
 * Reads a Brain-Score assembly saved as NetCDF-4 (HDF5) by xarray — BSL's published format — with
 * jhdf. Dimensions are resolved the netCDF-4 way: dimension-scale datasets carry
 * {@code _Netcdf4Dimid}, variables list their dimension ids in {@code _Netcdf4Coordinates}. The data
 * variable is the 2-D variable over {@code presentation} and {@code neuroid} (a trailing length-1
 * {@code time_bin} is squeezed); every 1-D variable over one of those dimensions becomes a
 * coordinate. Anything else is an error naming the file and what was found.
 */
public final class NetcdfAssemblyReader {
    private static final String PHONY = "This is a netCDF dimension but not a netCDF variable";

    private NetcdfAssemblyReader() {}

    public static Assembly read(Path file) {
        try (HdfFile hdf = new HdfFile(file)) {
            Map<Integer, String> dimNames = new HashMap<>();
            Map<String, Dataset> datasets = new LinkedHashMap<>();
            for (Node n : hdf.getChildren().values()) {
                if (n instanceof Dataset d) {
                    datasets.put(d.getName(), d);
                    Attribute cls = d.getAttribute("CLASS");
                    Attribute id = d.getAttribute("_Netcdf4Dimid");
                    if (cls != null && "DIMENSION_SCALE".equals(String.valueOf(cls.getData())) && id != null) {
                        dimNames.put(((Number) scalar(id.getData())).intValue(), d.getName());
                    }
                }
            }
            Map<String, List<String>> dimsOf = new LinkedHashMap<>();
            for (Dataset d : datasets.values()) {
                dimsOf.put(d.getName(), dims(file, d, dimNames));
            }
            Dataset data = null;
            List<String> dataDims = null;
            for (Dataset d : datasets.values()) {
                List<String> dd = squeeze(d, dimsOf.get(d.getName()));
                if (dd.size() == 2 && dd.contains("presentation") && dd.contains("neuroid")) {
                    if (data != null && !d.getName().equals("__xarray_dataarray_variable__")) {
                        continue;
                    }
                    data = d;
                    dataDims = dd;
                }
            }
            if (data == null) {
                throw new DataMissingException(file + ": expected a variable over dimensions (presentation, neuroid); found "
                        + dimsOf);
            }
            DMatrix values = matrix(file, data, dataDims.get(0).equals("neuroid"));
            List<Coordinate> pres = new ArrayList<>();
            List<Coordinate> neur = new ArrayList<>();
            for (Dataset d : datasets.values()) {
                if (d == data) {
                    continue;
                }
                List<String> dd = dimsOf.get(d.getName());
                Attribute name = d.getAttribute("NAME");
                if (name != null && String.valueOf(name.getData()).startsWith(PHONY)) {
                    continue;
                }
                if (dd.size() != 1 || !(dd.get(0).equals("presentation") || dd.get(0).equals("neuroid"))) {
                    continue;
                }
                Coordinate c = coordinate(file, d);
                (dd.get(0).equals("presentation") ? pres : neur).add(c);
            }
            return new Assembly(values, pres, neur);
        } catch (HdfException e) {
            throw new DataMissingException(file + ": not a readable NetCDF-4/HDF5 file (" + e.getMessage()
                    + "); it may be truncated or corrupt — download it again", e);
        }
    }

    private static List<String> dims(Path file, Dataset d, Map<Integer, String> dimNames) {
        Attribute coords = d.getAttribute("_Netcdf4Coordinates");
        List<String> out = new ArrayList<>();
        if (coords != null) {
            Object v = coords.getData();
            int len = v.getClass().isArray() ? Array.getLength(v) : 1;
            for (int i = 0; i < len; i++) {
                int id = ((Number) (v.getClass().isArray() ? Array.get(v, i) : v)).intValue();
                String name = dimNames.get(id);
                if (name == null) {
                    throw new DataMissingException(file + ": variable '" + d.getName() + "' refers to unknown dimension id " + id);
                }
                out.add(name);
            }
            return out;
        }
        Attribute id = d.getAttribute("_Netcdf4Dimid");
        if (id != null && d.getDimensions().length == 1) {
            out.add(dimNames.getOrDefault(((Number) scalar(id.getData())).intValue(), d.getName()));
            return out;
        }
        if (d.getDimensions().length == 1) {
            Attribute cls = d.getAttribute("CLASS");
            if (cls != null && "DIMENSION_SCALE".equals(String.valueOf(cls.getData()))) {
                out.add(d.getName());
            }
        }
        return out;
    }

    private static List<String> squeeze(Dataset d, List<String> dims) {
        if (dims.size() == 3 && d.getDimensions()[2] == 1) {
            return dims.subList(0, 2);
        }
        return dims;
    }

    private static Object scalar(Object v) {
        while (v != null && v.getClass().isArray()) {
            v = Array.get(v, 0);
        }
        return v;
    }

    private static DMatrix matrix(Path file, Dataset d, boolean transposed) {
        int[] shape = d.getDimensions();
        int rows = transposed ? shape[1] : shape[0];
        int cols = transposed ? shape[0] : shape[1];
        Object raw = d.getData();
        DMatrix m = DMatrix.zeros(rows, cols);
        for (int a = 0; a < shape[0]; a++) {
            Object row = Array.get(raw, a);
            for (int b = 0; b < shape[1]; b++) {
                Object cell = Array.get(row, b);
                if (cell.getClass().isArray()) {
                    cell = Array.get(cell, 0);
                }
                if (!(cell instanceof Number num)) {
                    throw new DataMissingException(file + ": data variable '" + d.getName() + "' must be numeric, found "
                            + cell.getClass().getSimpleName());
                }
                double v = num.doubleValue();
                if (transposed) {
                    m.set(b, a, v);
                } else {
                    m.set(a, b, v);
                }
            }
        }
        return m;
    }

    private static Coordinate coordinate(Path file, Dataset d) {
        Object raw = d.getData();
        int n = Array.getLength(raw);
        Class<?> type = raw.getClass().getComponentType();
        if (type == String.class) {
            String[] v = new String[n];
            for (int i = 0; i < n; i++) {
                Object s = Array.get(raw, i);
                v[i] = s == null ? "" : s.toString();
            }
            return new Coordinate.Text(d.getName(), v);
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = ((Number) Array.get(raw, i)).doubleValue();
            }
            return new Coordinate.Numbers(d.getName(), v);
        }
        throw new DataMissingException(file + ": coordinate '" + d.getName() + "' has unsupported type " + type.getSimpleName());
    }
}
