package dev.wharf.firehose.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Glue/Hive column type strings, as the config file's tables give them. */
class HiveTypeTest {

    @Test
    void everyTypeParsesAndPrintsAsHiveWritesIt() {
        String text = "struct<b:boolean,t:tinyint,s:smallint,i:int,l:bigint,f:float,d:double,m:decimal(38,10),"
                + "x:string,v:varchar(10),c:char(3),y:binary,day:date,at:timestamp,a:array<map<string,struct<z:int>>>>";
        assertThat(HiveType.parseTable(text).toString()).isEqualTo(text);
        assertThat(HiveType.parse(" STRUCT < Id : INTEGER , `Odd Name` : decimal > ")
                        .toString())
                .isEqualTo("struct<id:int,odd name:decimal(10,0)>");
    }

    @Test
    void whatIsNotATypeIsRefusedSayingWhere() {
        assertThatThrownBy(() -> HiveType.parse("array<int"))
                .hasMessage("the column type array<int is not a Glue/Hive type at character 10: '>' is expected");
        assertThatThrownBy(() -> HiveType.parse("map<array<int>,int>"))
                .hasMessageEndingWith("a map's key must be a primitive type, not array<int>");
        assertThatThrownBy(() -> HiveType.parse("decimal(39,2)"))
                .hasMessageEndingWith("decimal(39,2) needs 1 <= precision <= 38 and scale <= precision");
        assertThatThrownBy(() -> HiveType.parse("struct<a:int,A:string>"))
                .hasMessageEndingWith("the field 'a' is named twice");
        assertThatThrownBy(() -> HiveType.parse("int int")).hasMessageEndingWith("unexpected 'i'");
        assertThatThrownBy(() -> HiveType.parseTable("struct<>"))
                .hasMessageStartingWith("a table's columns are a struct");
    }
}
