package io.cryptolakehouse.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets a process tree listens on, read from Linux's {@code /proc}: each process's open
 * socket inodes ({@code /proc/PID/fd}) matched against the kernel's socket tables ({@code
 * /proc/net/tcp}, {@code tcp6}) in state LISTEN.
 */
final class ListeningSockets {

  private static final String LISTEN = "0A";

  private ListeningSockets() {}

  static List<InetSocketAddress> of(ProcessHandle root) {
    Set<String> inodes = new HashSet<>();
    Stream.concat(Stream.of(root), root.descendants())
        .forEach(p -> inodes.addAll(socketInodes(p.pid())));
    List<InetSocketAddress> listening = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      for (String line : lines(Path.of(table))) {
        String[] f = line.strip().split("\\s+");
        if (f.length > 9 && LISTEN.equals(f[3]) && inodes.contains(f[9])) {
          listening.add(addressOf(f[1]));
        }
      }
    }
    return listening;
  }

  private static Set<String> socketInodes(long pid) {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      fds.forEach(
          fd -> {
            try {
              String target = Files.readSymbolicLink(fd).toString();
              if (target.startsWith("socket:[")) {
                inodes.add(target.substring(8, target.length() - 1));
              }
            } catch (IOException closedMeanwhile) {
              // The descriptor was closed while we listed: it listens on nothing.
            }
          });
    } catch (IOException exited) {
      // The process ended while we looked.
    }
    return inodes;
  }

  /** {@code 0100007F:1F90}: the address as the kernel stores it (32-bit words, host order). */
  private static InetSocketAddress addressOf(String hexAddressAndPort) {
    String[] parts = hexAddressAndPort.split(":");
    String hex = parts[0];
    byte[] bytes = new byte[hex.length() / 2];
    for (int word = 0; word < bytes.length / 4; word++) {
      for (int b = 0; b < 4; b++) {
        int at = word * 8 + (3 - b) * 2;
        bytes[word * 4 + b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
      }
    }
    try {
      return new InetSocketAddress(InetAddress.getByAddress(bytes), Integer.parseInt(parts[1], 16));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("Unreadable address " + hexAddressAndPort, e);
    }
  }

  private static List<String> lines(Path table) {
    if (!Files.exists(table)) {
      return List.of();
    }
    try {
      return Files.readAllLines(table).stream().skip(1).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
