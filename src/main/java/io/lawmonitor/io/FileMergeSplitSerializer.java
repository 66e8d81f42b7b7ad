package io.lawmonitor.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;

final class FileMergeSplitSerializer implements SimpleVersionedSerializer<FileMergeSplit> {
  @Override
  public int getVersion() {
    return 1;
  }

  @Override
  public byte[] serialize(FileMergeSplit split) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(split.files().size());
      for (String f : split.files()) {
        out.writeUTF(f);
      }
      out.writeLong(split.emitted());
    }
    return bytes.toByteArray();
  }

  @Override
  public FileMergeSplit deserialize(int version, byte[] serialized) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
      int n = in.readInt();
      List<String> files = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        files.add(in.readUTF());
      }
      return new FileMergeSplit(files, in.readLong());
    }
  }
}
