package dev.wharf.mq.engine.broker;

import dev.wharf.mq.engine.BrokerInstance;
import java.util.List;

final class ConsolePages {
    private ConsolePages() {}

    static String index(String brokerName, String instanceName, List<BrokerInstance.DestinationCounts> destinations) {
        long queues = destinations.stream().filter(d -> !d.topic()).count();
        long topics = destinations.size() - queues;
        StringBuilder html = head("ActiveMQ Console: " + brokerName);
        html.append("<h2>Welcome!</h2>\n<table id=\"brokerInfo\">\n");
        row(html, "Name", brokerName);
        row(html, "Instance", instanceName);
        row(html, "Queues", Long.toString(queues));
        row(html, "Topics", Long.toString(topics));
        html.append("</table>\n");
        return tail(html);
    }

    static String destinations(String brokerName, List<BrokerInstance.DestinationCounts> destinations, boolean topic) {
        StringBuilder html = head((topic ? "Topics" : "Queues") + ": " + brokerName);
        html.append("<table id=\"").append(topic ? "topics" : "queues").append("\">\n<thead><tr><th>Name</th>");
        if (!topic) {
            html.append("<th>Number Of Pending Messages</th>");
        }

        html.append("<th>Number Of Consumers</th><th>Messages Enqueued</th><th>Messages Dequeued</th></tr></thead>\n");
        html.append("<tbody>\n");

        for (BrokerInstance.DestinationCounts destination : destinations) {
            if (destination.topic() == topic) {
                html.append("<tr><td>").append(escape(destination.name())).append("</td>");
                if (!topic) {
                    cell(html, destination.pending());
                }

                cell(html, destination.consumers());
                cell(html, destination.enqueued());
                cell(html, destination.dequeued());
                html.append("</tr>\n");
            }
        }

        html.append("</tbody>\n</table>\n");
        return tail(html);
    }

    private static StringBuilder head(String title) {
        StringBuilder html = new StringBuilder(1024);
        html.append("<!DOCTYPE html>\n<html>\n<head><meta charset=\"UTF-8\"><title>")
                .append(escape(title))
                .append("</title></head>\n<body>\n<div id=\"menu\"><a href=\"index.jsp\">Home</a> | ")
                .append("<a href=\"queues.jsp\">Queues</a> | <a href=\"topics.jsp\">Topics</a></div>\n<h1>")
                .append(escape(title))
                .append("</h1>\n");
        return html;
    }

    private static String tail(StringBuilder html) {
        return html.append("</body>\n</html>\n").toString();
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><td>")
                .append(escape(name))
                .append("</td><td>")
                .append(escape(value))
                .append("</td></tr>\n");
    }

    private static void cell(StringBuilder html, long count) {
        html.append("<td>").append(count).append("</td>");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);

        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"':
                    out.append("&quot;");
                    break;
                case '&':
                    out.append("&amp;");
                    break;
                case '\'':
                    out.append("&#39;");
                    break;
                case '<':
                    out.append("&lt;");
                    break;
                case '>':
                    out.append("&gt;");
                    break;
                default:
                    out.append(c);
            }
        }

        return out.toString();
    }
}
