package dev.wharf.mq.engine.broker;

import dev.wharf.mq.engine.InstanceLaunch;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.activemq.broker.BrokerPlugin;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.SslContext;
import org.apache.activemq.broker.TransportConnector;
import org.apache.activemq.security.AuthenticationUser;
import org.apache.activemq.security.AuthorizationPlugin;
import org.apache.activemq.security.JaasAuthenticationPlugin;
import org.apache.activemq.security.SimpleAuthenticationPlugin;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;
import org.apache.activemq.usage.SystemUsage;
import org.apache.xbean.spring.context.ResourceXmlApplicationContext;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ByteArrayResource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

final class BrokerServices {
    static final int CONNECTIONS_MAX = 1000;
    static final long FRAME_BYTES_MAX = 104857600L;
    static final long LOCK_RETRY_MILLIS = 1000L;
    private static final String CORE = "http://activemq.apache.org/schema/core";
    private static final String BEANS = "http://www.springframework.org/schema/beans";
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private static final Set<String> OWNED_ELEMENTS = Set.of(
            "transportConnectors",
            "persistenceFactory",
            "systemUsage",
            "managementContext",
            "sslContext",
            "tempDataStore",
            "jobSchedulerStore");
    private static final Set<String> AUTHENTICATION_PLUGINS = Set.of(
            "simpleAuthenticationPlugin",
            "jaasAuthenticationPlugin",
            "jaasCertificateAuthenticationPlugin",
            "jaasDualAuthenticationPlugin");
    static final String CONSOLE_CONNECTOR = "wharf-console";

    private BrokerServices() {}

    static BrokerService create(InstanceLaunch launch, StoreLock lock, InstanceLaunch.Login console) throws Exception {
        String xml = launch.configurationXml();
        BrokerService broker = xml == null ? new BrokerService() : fromConfiguration(xml, launch);
        own(broker, launch, lock, console);
        return broker;
    }

    private static BrokerService fromConfiguration(String xml, InstanceLaunch launch) throws Exception {
        byte[] beans = beansDocument(xml, launch);
        ResourceXmlApplicationContext context = new ResourceXmlApplicationContext(
                new ByteArrayResource(beans, "the configuration of broker " + launch.brokerName()));
        return (BrokerService) context.getBean(BrokerService.class);
    }

    static byte[] beansDocument(String xml, InstanceLaunch launch)
            throws ParserConfigurationException, SAXException, IOException, TransformerException {
        DocumentBuilder parser = parser();
        Document configuration = parser.parse(new InputSource(new StringReader(xml)));
        Element broker = configuration.getDocumentElement();
        if ("broker".equals(broker.getLocalName()) && CORE.equals(broker.getNamespaceURI())) {
            Path work = launch.workDirectory();
            broker.removeAttribute("transportConnectorURIs");
            broker.setAttribute("start", "false");
            broker.setAttribute("brokerName", launch.brokerName());
            broker.setAttribute("useJmx", "false");
            broker.setAttribute("useShutdownHook", "false");
            broker.setAttribute("persistent", "true");
            broker.setAttribute("dataDirectory", work.toString());
            broker.setAttribute("tmpDataDirectory", work.resolve("tmp").toString());
            broker.setAttribute("schedulerDirectory", work.resolve("scheduler").toString());

            for (Element child : children(broker)) {
                if ("persistenceAdapter".equals(child.getLocalName())) {
                    keepKahaDbOptions(child, launch);
                } else if (OWNED_ELEMENTS.contains(child.getLocalName())) {
                    broker.removeChild(child);
                } else if ("plugins".equals(child.getLocalName())) {
                    for (Element plugin : children(child)) {
                        if (AUTHENTICATION_PLUGINS.contains(plugin.getLocalName())) {
                            child.removeChild(plugin);
                        }
                    }
                }
            }

            Document beans = parser.newDocument();
            Element root = beans.createElementNS(BEANS, "beans");
            root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:xsi", XSI);
            root.setAttributeNS(
                    XSI,
                    "xsi:schemaLocation",
                    "http://www.springframework.org/schema/beans http://www.springframework.org/schema/beans/spring-beans.xsd http://activemq.apache.org/schema/core http://activemq.apache.org/schema/core/activemq-core.xsd");
            root.appendChild(beans.importNode(broker, true));
            beans.appendChild(root);
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setAttribute("http://javax.xml.XMLConstants/property/accessExternalDTD", "");
            factory.setAttribute("http://javax.xml.XMLConstants/property/accessExternalStylesheet", "");
            Transformer transformer = factory.newTransformer();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(beans), new StreamResult(out));
            return out.toByteArray();
        } else {
            throw new IllegalArgumentException(
                    "the configuration's root element is not <broker xmlns=\"http://activemq.apache.org/schema/core\">");
        }
    }

    private static void keepKahaDbOptions(Element persistenceAdapter, InstanceLaunch launch) {
        List<Element> adapters = children(persistenceAdapter);
        if (adapters.size() == 1 && "kahaDB".equals(adapters.get(0).getLocalName())) {
            Element kahaDb = adapters.get(0);

            for (Element child : children(kahaDb)) {
                kahaDb.removeChild(child);
            }

            kahaDb.setAttribute("directory", launch.storeDirectory().toString());
            kahaDb.removeAttribute("useLock");
        } else {
            ((Element) persistenceAdapter.getParentNode()).removeChild(persistenceAdapter);
        }
    }

    private static DocumentBuilder parser() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://javax.xml.XMLConstants/feature/secure-processing", true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        DocumentBuilder parser = factory.newDocumentBuilder();
        parser.setErrorHandler(new DefaultHandler() {
            @Override
            public void error(SAXParseException e) throws SAXException {
                throw e;
            }
        });
        return parser;
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();

        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && CORE.equals(element.getNamespaceURI())) {
                elements.add(element);
            }
        }

        return elements;
    }

    private static void own(BrokerService broker, InstanceLaunch launch, StoreLock lock, InstanceLaunch.Login console)
            throws Exception {
        File work = launch.workDirectory().toFile();
        broker.setBrokerName(launch.brokerName());
        broker.setUseJmx(false);
        broker.setUseShutdownHook(false);
        broker.setSystemExitOnShutdown(false);
        broker.setPersistent(true);
        broker.setStartAsync(false);
        broker.setDataDirectoryFile(work);
        broker.setTmpDataDirectory(new File(work, "tmp"));
        broker.setSchedulerDirectoryFile(new File(work, "scheduler"));
        KahaDBPersistenceAdapter kahaDb = launch.configurationXml() != null
                        && broker.getPersistenceAdapter() instanceof KahaDBPersistenceAdapter configured
                ? configured
                : new KahaDBPersistenceAdapter();
        kahaDb.setDirectory(launch.storeDirectory().toFile());
        kahaDb.setUseLock(true);
        kahaDb.setLocker(lock);
        broker.setPersistenceAdapter(kahaDb);
        SystemUsage usage = broker.getSystemUsage();
        usage.getStoreUsage().setStore(kahaDb);
        InstanceLaunch.Limits limits = launch.limits();
        if (limits.memoryBytes() > 0L) {
            usage.getMemoryUsage().setLimit(limits.memoryBytes());
        }

        if (limits.storeBytes() > 0L) {
            usage.getStoreUsage().setLimit(limits.storeBytes());
        }

        if (limits.tempBytes() > 0L) {
            usage.getTempUsage().setLimit(limits.tempBytes());
        }

        if (launch.tls() != null) {
            SslContext ssl = new SslContext();
            ssl.setSSLContext(launch.tls());
            broker.setSslContext(ssl);
        }

        for (TransportConnector connector : connectors(launch)) {
            broker.addConnector(connector);
        }

        broker.addConnector(connector(
                "wharf-console", "tcp", "127.0.0.1", 0, "maximumConnections=4", "wireFormat.maxFrameSize=104857600"));
        broker.setPlugins(plugins(launch, console, broker.getPlugins()));
    }

    static List<TransportConnector> connectors(InstanceLaunch launch) {
        boolean tls = launch.tls() != null;
        InstanceLaunch.Ports ports = launch.ports();
        String host = launch.host().indexOf(58) >= 0 ? "[" + launch.host() + "]" : launch.host();
        String frames = "wireFormat.maxFrameSize=104857600";
        String connections = "maximumConnections=1000";
        List<TransportConnector> connectors = new ArrayList<>();
        connectors.add(connector("openwire", tls ? "ssl" : "tcp", host, ports.openWire(), connections, frames));
        // AMQP messages are mapped to JMS ones (a text body to a TextMessage), so that OpenWire, STOMP and MQTT clients
        // read what AMQP clients send; the factory's own default keeps them as opaque AMQP bytes.
        connectors.add(connector(
                "amqp",
                tls ? "amqp+ssl" : "amqp",
                host,
                ports.amqp(),
                connections,
                frames + "&transport.transformer=jms"));
        connectors.add(connector("stomp", tls ? "stomp+ssl" : "stomp", host, ports.stomp(), connections, frames));
        connectors.add(connector("mqtt", tls ? "mqtt+ssl" : "mqtt", host, ports.mqtt(), connections, frames));
        connectors.add(connector("wss", tls ? "wss" : "ws", host, ports.webSocket(), connections, frames));
        return connectors;
    }

    private static TransportConnector connector(
            String name, String scheme, String host, int port, String connections, String frames) {
        TransportConnector connector = new OwnFactoryConnector();
        connector.setName(name);
        connector.setUri(URI.create(scheme + "://" + host + ":" + port + "?" + connections + "&" + frames));
        return connector;
    }

    private static BrokerPlugin[] plugins(
            InstanceLaunch launch, InstanceLaunch.Login console, BrokerPlugin @Nullable [] configured) {
        List<AuthenticationUser> users = new ArrayList<>();
        users.add(new AuthenticationUser(console.username(), console.password(), "activemq-webconsole"));

        for (InstanceLaunch.Login login : launch.users()) {
            users.add(new AuthenticationUser(
                    login.username(),
                    login.password(),
                    String.join(",", login.groups().stream().sorted().toList())));
        }

        SimpleAuthenticationPlugin authentication = new SimpleAuthenticationPlugin(users);
        authentication.setAnonymousAccessAllowed(false);
        List<BrokerPlugin> plugins = new ArrayList<>();
        plugins.add(authentication);
        if (configured != null) {
            for (BrokerPlugin plugin : configured) {
                if (!(plugin instanceof SimpleAuthenticationPlugin) && !(plugin instanceof JaasAuthenticationPlugin)) {
                    if (plugin instanceof AuthorizationPlugin authorization && authorization.getMap() != null) {
                        authorization.setMap(new WebConsoleAuthorizationMap(authorization.getMap()));
                    }

                    plugins.add(plugin);
                }
            }
        }

        return plugins.toArray(BrokerPlugin[]::new);
    }
}
