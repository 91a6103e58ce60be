package org.convene.infra;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHandler;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpHandler;
import com.icegreen.greenmail.smtp.commands.SmtpCommandRegistry;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.Socket;
import java.net.SocketException;
import java.util.Map;
import java.util.function.Function;

/**
 * GreenMail whose IMAP and SMTP servers send each reply at once, as production mail servers do
 * (Dovecot and Postfix turn Nagle's algorithm off on their connections). GreenMail leaves it on and
 * writes a reply in several pieces: each piece after the first waited for the client's delayed
 * acknowledgement, about 40 ms, so every IMAP command cost 40 ms however little it did, and the
 * replies mailbox was read at a pace no real server imposes.
 */
final class PromptGreenMail extends GreenMail {

  PromptGreenMail(ServerSetup[] setups) {
    super(setups);
  }

  @Override
  protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
    Map<String, AbstractServer> services = super.createServices(config, managers);
    services.replaceAll(
        (protocol, server) ->
            switch (protocol) {
              case ServerSetup.PROTOCOL_IMAP ->
                  new PromptServer(
                      server.getServerSetup(),
                      managers,
                      socket ->
                          new ImapHandler(
                              managers.getUserManager(), managers.getImapHostManager(), socket));
              case ServerSetup.PROTOCOL_SMTP ->
                  new PromptServer(
                      server.getServerSetup(),
                      managers,
                      socket ->
                          new SmtpHandler(
                              new SmtpCommandRegistry(), managers.getSmtpManager(), socket));
              default -> server;
            });
    return services;
  }

  /**
   * The port of the server for {@code protocol}; {@link #getSmtp()} and {@link #getImap()} cannot
   * return these servers, whose classes differ from GreenMail's own.
   */
  int port(String protocol) {
    return services.get(protocol).getPort();
  }

  /** A GreenMail server whose connections send without Nagle's delay. */
  private static final class PromptServer extends AbstractServer {

    private final Function<Socket, ProtocolHandler> handlers;

    PromptServer(ServerSetup setup, Managers managers, Function<Socket, ProtocolHandler> handlers) {
      super(setup, managers);
      this.handlers = handlers;
    }

    @Override
    protected ProtocolHandler createProtocolHandler(Socket socket) {
      return handlers.apply(socket);
    }

    @Override
    protected void handleClientSocket(Socket socket) throws SocketException {
      socket.setTcpNoDelay(true);
      super.handleClientSocket(socket);
    }
  }
}
