package dev.wharf.mq.engine.broker;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.BrokerServiceAware;
import org.apache.activemq.broker.SslContext;
import org.apache.activemq.broker.TransportConnector;
import org.apache.activemq.transport.TransportFactory;
import org.apache.activemq.transport.TransportServer;
import org.apache.activemq.util.FactoryFinder;
import org.apache.activemq.util.IOExceptionSupport;

final class OwnFactoryConnector extends TransportConnector {
    private static final FactoryFinder TRANSPORTS =
            new FactoryFinder("META-INF/services/org/apache/activemq/transport/");

    @Override
    protected TransportServer createTransportServer() throws IOException, URISyntaxException {
        URI uri = this.getUri();
        BrokerService broker = this.getBrokerService();
        if (uri != null && broker != null) {
            TransportFactory factory;
            try {
                factory = (TransportFactory) TRANSPORTS.newInstance(uri.getScheme());
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw IOExceptionSupport.create("Transport scheme NOT recognized: [" + uri.getScheme() + "]", e);
            }

            if (factory instanceof BrokerServiceAware aware) {
                aware.setBrokerService(broker);
            }

            SslContext.setCurrentSslContext(broker.getSslContext());

            try {
                return factory.doBind(uri);
            } finally {
                SslContext.setCurrentSslContext(null);
            }
        } else {
            throw new IllegalStateException("the connector " + this.getName() + " has no URI or no broker");
        }
    }
}
